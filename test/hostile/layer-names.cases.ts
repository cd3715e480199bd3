/** Layer names TensorFlow.js would refuse after the teacher trained are caught by `check` (the schema). */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeConfig } from '../../src/core/analysis/analyze';
import { nodeFileSystem } from '../../src/node/file-system';
import { hostileEach, TINY_IRIS } from './harness';

const named = (name: string): string =>
  TINY_IRIS.replace(
    '- dense: { units: 4, activation: relu }',
    `- dense: { units: 4, activation: relu, name: ${JSON.stringify(name)} }`,
  );

hostileEach(
  'config',
  {
    'layer name with a space': 'my layer',
    'layer name with a colon': 'dense:0',
    'layer name starting with a dash': '-hidden',
    'layer name starting with a dot': '.hidden',
    'layer name with non-ASCII letters': 'schicht_ü',
    'layer name with a newline': 'a\nb',
    'layer name with a terminal escape': 'a\u001b[31mred',
    'layer name with a shell substitution': '$(touch pwned)',
  },
  (name) => {
    const file = path.join(__dirname, 'c.distill.yaml');
    const errors = analyzeConfig(named(name), file, nodeFileSystem).diagnostics.filter((d) => d.severity === 'error');
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.equal(errors[0]!.code, 'range');
    assert.match(errors[0]!.message, /must be a TensorFlow\.js tensor name/);
  },
);

hostileEach('config', { 'layer name with every allowed character': 'Block_1/conv-2.a' }, (name) => {
  const file = path.join(__dirname, 'c.distill.yaml');
  const errors = analyzeConfig(named(name), file, nodeFileSystem).diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors, []);
});

hostileEach('config', { 'output: /': '/', 'output: //': '//', 'output: C:\\': 'C:\\\\' }, (output) => {
  const text = TINY_IRIS.replace('output: runs', `output: "${output}"`);
  const errors = analyzeConfig(text, path.join(__dirname, 'c.distill.yaml'), nodeFileSystem).diagnostics.filter(
    (d) => d.severity === 'error',
  );
  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.match(errors[0]!.message, /`output` must be a folder other than the file-system root/);
});

hostileEach('config', { 'output: runs/../other (a normal folder)': 'runs/../other' }, (output) => {
  const text = TINY_IRIS.replace('output: runs', `output: "${output}"`);
  const errors = analyzeConfig(text, path.join(__dirname, 'c.distill.yaml'), nodeFileSystem).diagnostics.filter(
    (d) => d.severity === 'error',
  );
  assert.deepEqual(errors, []);
});
