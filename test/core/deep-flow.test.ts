/**
 * Flow collections nested thousands deep (found by the language-server fuzz: 25,000 unclosed `{a: ` on one line
 * of an example took the YAML parser 4 s and gave 75,230 syntax errors, on every keystroke) are read only up to
 * the limit, and no document lists more than MAX_SYNTAX_DIAGNOSTICS syntax errors.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { MAX_SYNTAX_DIAGNOSTICS, parseConfig } from '../../src/core/config/parse';
import { flowDepthExceeded, MAX_FLOW_DEPTH } from '../../src/core/config/flow-depth';
import { IncrementalYaml } from '../../src/core/config/incremental-yaml';

const MNIST = fs.readFileSync(path.resolve(__dirname, '../../examples/mnist.distill.yaml'), 'utf8');

void test('a config with 25,000 unclosed flow maps on one line gets one depth error and at most 101 syntax diagnostics', () => {
  const lines = MNIST.split('\n');
  const layer = lines.findIndex((l) => l.includes('- dense:'));
  lines[layer] = `${lines[layer]!.slice(0, lines[layer]!.indexOf('{'))}${'{a: '.repeat(25_000)}`;
  const text = lines.join('\n');
  for (const yaml of [undefined, new IncrementalYaml().parse]) {
    const parsed = parseConfig(text, yaml);
    const deep = parsed.diagnostics.filter((d) => /nested more than 256 levels deep/.test(d.message));
    assert.equal(deep.length, 1, parsed.diagnostics.map((d) => d.message).join('\n'));
    assert.equal(deep[0]!.range.start.line, layer);
    const syntax = parsed.diagnostics.filter((d) => d.code === 'yaml-syntax');
    assert.ok(syntax.length <= MAX_SYNTAX_DIAGNOSTICS + 1, `${syntax.length} syntax diagnostics`);
  }
});

void test('thousands of syntax errors are listed up to the limit, then counted in one more', () => {
  const text = `version: 1\n${'- ]\n'.repeat(3000)}`;
  const syntax = parseConfig(text).diagnostics.filter((d) => d.code === 'yaml-syntax');
  assert.equal(syntax.length, MAX_SYNTAX_DIAGNOSTICS + 1);
  assert.match(syntax.at(-1)!.message, /[\d,]+ more syntax errors from here on are not listed \(the first 100 are\)/);
});

void test('the depth scan counts brackets outside quotes and comments only', () => {
  const deep = (n: number): string => `a: ${'['.repeat(n)}${']'.repeat(n)}`;
  assert.equal(flowDepthExceeded(deep(MAX_FLOW_DEPTH)), undefined);
  assert.equal(flowDepthExceeded(deep(MAX_FLOW_DEPTH + 1)), 3 + MAX_FLOW_DEPTH);
  assert.equal(flowDepthExceeded(`a: "${'['.repeat(1000)}"`), undefined);
  assert.equal(flowDepthExceeded(`a: '${'{'.repeat(1000)}'`), undefined);
  assert.equal(flowDepthExceeded(`a: 1 # ${'['.repeat(1000)}\nb: 2`), undefined);
  assert.equal(flowDepthExceeded(`a: it's ${'['.repeat(300)}`), 8 + MAX_FLOW_DEPTH);
  // Ten thousand closed one-level collections are not deep.
  assert.equal(flowDepthExceeded(`a: [${'[1], '.repeat(10_000)}]`), undefined);
});
