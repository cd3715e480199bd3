/** Diagnostics of the `sweep` section, through the same analysis as `distillery check` and the editor. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeConfig } from '../../src/core/analysis/analyze';
import { nodeFileSystem } from '../../src/node/file-system';
import type { Diagnostic } from '../../src/core/diagnostics';
import { tinyConfig } from './fixtures/configs';

function sweepDiagnostics(sweep: string, options: { validation?: number } = {}): Diagnostic[] {
  const text = tinyConfig({ sweep, ...options });
  const lines = text.split('\n');
  const sweepLine = lines.indexOf('sweep:');
  // Only findings inside the sweep section (or about the validation split) belong to these rules.
  return analyzeConfig(text, '/tmp/sweep-rules.distill.yaml', nodeFileSystem).diagnostics.filter(
    (d) => d.range.start.line >= sweepLine || d.message.includes('validation'),
  );
}

const codes = (ds: readonly Diagnostic[]): string[] => ds.map((d) => d.code);

void test('a clean sweep has no findings', () => {
  assert.deepEqual(
    sweepDiagnostics(
      '  parameters:\n    - { path: distillation.temperature, values: [2, 4] }\n    - { path: training.optimizer, choices: [adam, sgd] }',
    ),
    [],
  );
});

void test('an unknown path is an unknown-key error with a did-you-mean fix', () => {
  const [d, ...rest] = sweepDiagnostics('  parameters:\n    - { path: distillation.temperatur, values: [2, 4] }');
  assert.equal(rest.length, 0);
  assert.equal(d?.code, 'unknown-key');
  assert.match(d.message, /no key `temperatur`.*Did you mean 'temperature'/);
  assert.equal(d.fixes?.[0]?.edits[0]?.newText, 'distillation.temperature');
});

void test('a list index past the end and a wrong layer type are unknown-key errors', () => {
  const ds = sweepDiagnostics(
    '  parameters:\n    - { path: student.layers.3.dense.units, values: [2, 4] }\n    - { path: student.layers.0.conv2d.filters, values: [2, 4] }',
  );
  assert.deepEqual(codes(ds), ['unknown-key', 'unknown-key']);
  assert.match(ds[0]!.message, /has 2 items/);
  assert.match(ds[1]!.message, /is a `dense` layer, not `conv2d`/);
});

void test('text and boolean keys cannot be swept', () => {
  const ds = sweepDiagnostics(
    '  parameters:\n    - { path: output, choices: [a, b] }\n    - { path: evaluation.baseline, choices: [a] }',
  );
  assert.deepEqual(codes(ds), ['unknown-key', 'unknown-key']);
  assert.match(ds[0]!.message, /numeric or enum keys only/);
});

void test("values outside the key's legal range are range errors, one per value", () => {
  const ds = sweepDiagnostics(
    '  parameters:\n    - { path: distillation.temperature, values: [0, 4, -1] }\n    - { path: training.optimizer, choices: [adam, rmsprop] }',
  );
  assert.deepEqual(codes(ds), ['range', 'range', 'range']);
  assert.match(ds[0]!.message, /Sweep value 0 for `distillation.temperature` must be > 0/);
  assert.match(ds[2]!.message, /must be one of adam, sgd \(got "rmsprop"\)/);
});

void test('numbers go in values and names in choices', () => {
  const ds = sweepDiagnostics(
    '  parameters:\n    - { path: distillation.temperature, choices: [low, high] }\n    - { path: training.optimizer, values: [1, 2] }',
  );
  assert.deepEqual(codes(ds), ['type', 'type']);
  assert.match(ds[0]!.message, /is numeric: list its numbers under `values`/);
  assert.match(ds[1]!.message, /list them under `choices`/);
});

void test('grid search refuses ranges; random ranges need min < max and min > 0 on a log scale', () => {
  assert.match(
    sweepDiagnostics('  parameters:\n    - { path: distillation.temperature, min: 1, max: 8 }')[0]!.message,
    /Grid search needs a finite list/,
  );
  const ds = sweepDiagnostics(
    '  method: random\n  parameters:\n    - { path: training.learning_rate, min: 0, max: 0, scale: log }',
  );
  assert.ok(ds.length >= 2, `got ${ds.map((d) => d.message).join(' | ')}`);
  assert.ok(ds.some((d) => /`max` of `training.learning_rate` must be greater than `min`/.test(d.message)));
  assert.ok(ds.some((d) => /log scale needs `min` > 0/.test(d.message)));
});

void test('the same path twice is an error; a repeated value is a budget risk', () => {
  const ds = sweepDiagnostics(
    '  parameters:\n    - { path: distillation.temperature, values: [2, 2] }\n    - { path: distillation.temperature, values: [4] }',
  );
  assert.deepEqual(codes(ds).sort(), ['range', 'risk/sweep-budget']);
});

void test('selecting on the test split is a risk with a fix back to validation', () => {
  const [d] = sweepDiagnostics(
    '  split: test\n  parameters:\n    - { path: distillation.temperature, values: [2, 4] }',
  );
  assert.equal(d?.code, 'risk/sweep-on-test');
  assert.equal(d.severity, 'warning');
  assert.equal(d.fixes?.[0]?.edits[0]?.newText, 'validation');
});

void test('a grid beyond the budget, and random search beyond its distinct combinations, are budget risks', () => {
  const grid = sweepDiagnostics(
    '  budget: 3\n  parameters:\n    - { path: distillation.temperature, values: [2, 4] }\n    - { path: training.optimizer, choices: [adam, sgd] }',
  );
  assert.deepEqual(codes(grid), ['risk/sweep-budget']);
  assert.match(grid[0]!.message, /grid has 4 combinations but the budget is 3/);
  assert.equal(grid[0]!.fixes?.[0]?.edits[0]?.newText, '4');
  const random = sweepDiagnostics(
    '  method: random\n  budget: 9\n  parameters:\n    - { path: distillation.temperature, values: [2, 4] }',
  );
  assert.match(random[0]!.message, /only 2 distinct combinations but a budget of 9/);
});

void test('a sweep selecting on validation needs a validation split', () => {
  const ds = sweepDiagnostics('  parameters:\n    - { path: distillation.temperature, values: [2, 4] }', {
    validation: 0,
  });
  assert.ok(
    ds.some((d) => d.code === 'range' && /`data.split.validation` is 0/.test(d.message)),
    ds.map((d) => d.message).join(' | '),
  );
});
