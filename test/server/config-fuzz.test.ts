/**
 * The language-server fuzz in `npm test`: 10,000 mutated configs of seed 20261130 (77 s on a 2-core machine; see
 * config-fuzz.ts for what each must pass; `npm run fuzz:server -- --seed S --count N` runs others), and the
 * documents it found problems with, each as a fixed regression case.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CompletionRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import { describeFuzzResult, runConfigFuzz, within } from './config-fuzz';
import { EXAMPLES_DIR } from './config-mutations';
import { fileUri, LspHarness } from './lsp-harness';

const SEED = 20261130;
const COUNT = 10_000;

void it(`answers diagnostics, completion and hover on ${COUNT} mutated configs`, { timeout: 600_000 }, async () => {
  const result = await runConfigFuzz({ seed: SEED, count: COUNT, requestBudgetMs: 5000 });
  assert.equal(result.documents, COUNT);
  assert.equal(result.requests, COUNT * 5, 'diagnostics, two completions and two hovers per document');
  process.stdout.write(`${describeFuzzResult(result, SEED)}\n`);
});

void describe('documents the fuzz found problems with', () => {
  let server: LspHarness;
  before(async () => {
    server = await LspHarness.start({ diagnosticsDelayMs: 0 });
  });
  after(() => server.kill());

  void it('25,000 unclosed flow maps on a layer line: one depth error, not 75,000 syntax errors after seconds', async () => {
    // Seed 20261130, document 2941: the parser took 4 s and reported 75,230 errors, past the 5 s answer budget.
    const lines = fs.readFileSync(path.join(EXAMPLES_DIR, 'fashion-mnist.distill.yaml'), 'utf8').split('\n');
    const layer = lines.findIndex((l) => l.includes('- dense:'));
    lines[layer] = `    - dense: ${'{a: '.repeat(25_000)}`;
    const uri = fileUri(path.join(EXAMPLES_DIR, 'fuzz-regression-deep.distill.yaml'));
    const diagnostics = await server.open(uri, lines.join('\n'));
    const deep = diagnostics.filter((d) =>
      /nested more than 256 levels deep/.test(typeof d.message === 'string' ? d.message : d.message.value),
    );
    assert.equal(deep.length, 1);
    assert.equal(deep[0]!.range.start.line, layer);
    assert.ok(diagnostics.filter((d) => d.code === 'yaml-syntax').length <= 101, `${diagnostics.length} diagnostics`);
    const position = { line: layer, character: 20 };
    await server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
    await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    assert.equal(server.child.exitCode, null);
  });

  void it('completion inside 25,000 nested [ answers with nothing (it took 6 s), a few levels deep still completes', async () => {
    // Seed 20261130, document 3321: `batch_size: [[[[...` (25,000), completion at character 15,616.
    const lines = fs.readFileSync(path.join(EXAMPLES_DIR, 'mnist.distill.yaml'), 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('batch_size:'));
    lines[line] = `  batch_size: ${'['.repeat(25_000)}`;
    const uri = fileUri(path.join(EXAMPLES_DIR, 'fuzz-regression-brackets.distill.yaml'));
    await server.open(uri, lines.join('\n'));
    const deep = await within(
      server.connection.sendRequest(CompletionRequest.type, {
        textDocument: { uri },
        position: { line, character: 15_616 },
      }),
      5000,
      'completion inside 25,000 nested [',
    );
    assert.deepEqual(deep && 'items' in deep ? deep.items : deep, []);
    const shallow = 'student:\n  layers: [ { dense: { un';
    const shallowUri = fileUri(path.join(EXAMPLES_DIR, 'fuzz-regression-shallow.distill.yaml'));
    await server.open(shallowUri, shallow);
    const items = await server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: shallowUri },
      position: { line: 1, character: shallow.split('\n')[1]!.length },
    });
    const labels = (items && 'items' in items ? items.items : (items ?? [])).map((i) => i.label);
    assert.ok(labels.includes('units'), `offered: ${labels.join(', ')}`);
  });
});
