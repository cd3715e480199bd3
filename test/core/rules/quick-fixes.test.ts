/**
 * Every quick fix is applied to the text and the result re-checked: the diagnostic it fixes must be gone
 * and no new error may appear. Block-style and flow-style YAML are both exercised.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeConfig } from '../../../src/core/analysis/analyze';
import type { Diagnostic } from '../../../src/core/diagnostics';
import { didYouMean } from '../../../src/core/text/did-you-mean';
import { memoryFileSystem } from '../memory-fs';
import { applyEdits } from './apply-edits';

const check = (text: string): readonly Diagnostic[] =>
  analyzeConfig(text, '/p/c.distill.yaml', memoryFileSystem({})).diagnostics;

const BASE = `version: 1
data:
  source: iris
  split: { validation: 0.1, test: 0.2 }
teacher:
  layers:
    - dense: { units: 32, activation: relu, name: wide }
    - dense: { units: 3 }
student:
  layers:
    - dense: { units: 8, activation: relu, name: narrow }
    - dense: { units: 3 }
distillation:
  temperature: 4
  soft_weight: 0.7
  hard_weight: 0.3
training:
  early_stopping: { patience: 3 }
compression:
  pruning: { sparsity: 0.5 }
  quantization: { dtype: int8 }
evaluation:
  baseline: true
`;

/** Applies each fix of the one diagnostic with `code` and returns the re-checked texts. */
function fixAndRecheck(text: string, code: string): { fixed: string; after: readonly Diagnostic[] }[] {
  const found = check(text).filter((d) => d.code === code);
  assert.equal(
    found.length,
    1,
    `expected one ${code} in:\n${text}\ngot ${JSON.stringify(check(text).map((d) => d.code))}`,
  );
  const fixes = found[0]!.fixes ?? [];
  assert.ok(fixes.length > 0, `${code} should offer a fix`);
  return fixes.map((f) => {
    const fixed = applyEdits(text, f.edits);
    return { fixed, after: check(fixed) };
  });
}

function assertClean(text: string, code: string): void {
  for (const { fixed, after } of fixAndRecheck(text, code)) {
    assert.deepEqual(
      after.map((d) => `${d.code}: ${d.message}`),
      [],
      `after fixing ${code}:\n${fixed}`,
    );
  }
}

void test('the base config is clean (so every later diagnostic comes from the one change)', () => {
  assert.deepEqual(check(BASE), []);
});

const cases: [string, string, string, string][] = [
  ['risk/temperature', 'temperature: 4', 'temperature: 60', 'block value replaced'],
  ['risk/weights', 'hard_weight: 0.3', 'hard_weight: 0.9', 'both weights rescaled'],
  ['risk/weights', 'soft_weight: 0.7', 'soft_weight: 0', 'zero soft weight'],
  ['risk/aggressive-pruning', 'sparsity: 0.5', 'sparsity: 0.97', 'flow value replaced'],
  ['risk/aggressive-quantization', 'dtype: int8', 'dtype: int4', 'enum value replaced'],
  ['risk/no-baseline', 'baseline: true', 'baseline: false', 'boolean replaced'],
  ['risk/no-validation', '{ validation: 0.1, test: 0.2 }', '{ validation: 0, test: 0.2 }', 'flow value replaced'],
];

for (const [code, from, to, how] of cases) {
  void test(`${code} quick fix (${how}) leaves a clean config`, () => assertClean(BASE.replace(from, to), code));
}

void test('risk/no-validation fix replaces a block value', () => {
  assertClean(
    BASE.replace('  split: { validation: 0.1, test: 0.2 }\n', '  split:\n    validation: 0\n    test: 0.2\n'),
    'risk/no-validation',
  );
});

void test('risk/small-transfer-set fix adds early stopping to an existing block map, after its last key', () => {
  const text = BASE.replace(
    'training:\n  early_stopping: { patience: 3 }\n',
    'training:\n  epochs: 5 # short\n',
  ).replace('units: 8, activation', 'units: 200, activation');
  for (const { fixed, after } of fixAndRecheck(text, 'risk/small-transfer-set')) {
    assert.match(fixed, /training:\n {2}epochs: 5 # short\n {2}early_stopping: \{ patience: 3 \}\n/);
    assert.ok(!after.some((d) => d.code === 'risk/small-transfer-set' || d.severity === 'error'), fixed);
  }
});

void test('risk/small-transfer-set fix creates a missing training section', () => {
  const text = BASE.replace('training:\n  early_stopping: { patience: 3 }\n', '').replace(
    'units: 8, activation',
    'units: 200, activation',
  );
  const results = fixAndRecheck(text, 'risk/small-transfer-set');
  for (const { fixed, after } of results) {
    assert.match(fixed, /training:\n {2}early_stopping: \{ patience: 3 \}/);
    assert.ok(!after.some((d) => d.code === 'risk/small-transfer-set' || d.severity === 'error'), fixed);
  }
});

void test('shape-mismatch fixes: add projection: linear; set the output units to the class count', () => {
  const withHint = BASE.replace(
    '  hard_weight: 0.3\n',
    '  hard_weight: 0.3\n  features:\n    - { teacher: wide, student: narrow }\n',
  );
  assertClean(withHint, 'shape-mismatch');
  assertClean(
    BASE.replace('    - dense: { units: 3 }\ndistillation', '    - dense: { units: 7 }\ndistillation'),
    'shape-mismatch',
  );
});

void test('unknown-layer fix renames to the closest layer', () => {
  const text = BASE.replace(
    '  hard_weight: 0.3\n',
    '  hard_weight: 0.3\n  features:\n    - { teacher: wdie, student: narrow, projection: linear }\n',
  );
  const [only] = fixAndRecheck(text, 'unknown-layer');
  assert.match(only!.fixed, /teacher: wide/);
  assert.deepEqual(only!.after, []);
});

void test('ambiguous-alpha offers both readings, each rewriting alpha as explicit weights', () => {
  const block = BASE.replace('  soft_weight: 0.7\n  hard_weight: 0.3\n', '  alpha: 0.2\n');
  const results = fixAndRecheck(block, 'ambiguous-alpha');
  assert.equal(results.length, 2);
  assert.match(
    results[0]!.fixed,
    /soft_weight: 0\.8\n {2}hard_weight: 0\.2/,
    'Keras/torchdistill: alpha weighs the hard labels',
  );
  assert.match(
    results[1]!.fixed,
    /soft_weight: 0\.2\n {2}hard_weight: 0\.8/,
    'Hinton-style/TextBrewer: alpha weighs the soft targets',
  );
  for (const r of results) assert.deepEqual(r.after, [], r.fixed);
  const flow = BASE.replace(
    'distillation:\n  temperature: 4\n  soft_weight: 0.7\n  hard_weight: 0.3\n',
    'distillation: { temperature: 4, alpha: 0.5 }\n',
  );
  for (const r of fixAndRecheck(flow, 'ambiguous-alpha')) assert.deepEqual(r.after, [], r.fixed);
});

void test('schema fixes (did-you-mean keys and enum values) re-check clean', () => {
  assertClean(BASE.replace('temperature: 4', 'temprature: 4'), 'unknown-key');
  assertClean(BASE.replace('dtype: int8', 'dtype: int9'), 'range');
});

void test('did-you-mean: close typos are suggested, unrelated words are not', () => {
  assert.equal(didYouMean('temprature', ['temperature', 'soft_weight']), 'temperature');
  assert.equal(didYouMean('Soft_Wieght', ['temperature', 'soft_weight']), 'soft_weight');
  assert.equal(didYouMean('xyz', ['temperature', 'soft_weight']), undefined);
  assert.equal(didYouMean('narow', ['narrow', 'dense_1']), 'narrow');
});
