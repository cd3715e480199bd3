/**
 * The checks of accuracy-aware compression and structured pruning, where `check`, the editor and `train` see them:
 * a target with no validation split to measure it on, and a `units` sparsity (configured or in the search space)
 * that would remove every unit of a layer, are `range` errors; the target's schema keys are accepted.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeConfig } from '../../../src/core/analysis/analyze';
import { memoryFileSystem } from '../memory-fs';
import { applyEdits } from './apply-edits';

const config = (split: string, compression: string): string => `version: 1
data:
  source: iris
  split: ${split}
teacher:
  layers:
    - dense: { units: 32, activation: relu }
    - dense: { units: 3 }
student:
  layers:
    - dense: { units: 8, activation: relu, name: hidden }
    - dense: { units: 1, activation: relu, name: narrow }
    - dense: { units: 3 }
compression:
${compression}
`;

const errorsOf = (text: string) =>
  analyzeConfig(text, '/p/c.distill.yaml', memoryFileSystem({})).diagnostics.filter((d) => d.severity === 'error');

const SPLIT = '{ validation: 0.2, test: 0.2 }';

void test('a target with every key of its schema and a space that empties no layer is accepted', () => {
  const text = config(
    SPLIT,
    '  target: { max_accuracy_drop: 1.0, sparsity: [0, 0.25], structure: [units, unstructured], dtype: [float32, int8], fine_tune_epochs: 1, objective: size_then_latency }',
  );
  assert.deepEqual(errorsOf(text), []);
});

void test('a target without a validation split is a range error on the validation share, fixed by holding out 15%', () => {
  const text = config(
    '{ validation: 0, test: 0.2 }',
    '  target: { max_accuracy_drop: 1.0, structure: [unstructured] }',
  );
  const errors = errorsOf(text);
  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.equal(errors[0]!.code, 'range');
  assert.match(errors[0]!.message, /validation split.*`data\.split\.validation` is 0/);
  assert.equal(errors[0]!.range.start.line, 3, 'underlines data.split');
  assert.deepEqual(errorsOf(applyEdits(text, errors[0]!.fixes![0]!.edits)), []);
});

void test('units pruning that would remove every unit of a layer is a range error naming the layer', () => {
  const errors = errorsOf(config(SPLIT, '  pruning: { sparsity: 0.6, structure: units }'));
  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.equal(errors[0]!.code, 'range');
  assert.match(errors[0]!.message, /would remove every unit of narrow \(1\)/);
  // Unstructured pruning zeroes weights and keeps every unit: accepted.
  assert.deepEqual(errorsOf(config(SPLIT, '  pruning: { sparsity: 0.6 }')), []);
});

void test("the search space's units sparsities are checked the same way (the defaults included)", () => {
  const errors = errorsOf(config(SPLIT, '  target: { max_accuracy_drop: 1.0 }'));
  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.match(errors[0]!.message, /search space.s sparsity 0\.75 .*every unit of narrow \(1\)/);
  assert.deepEqual(errorsOf(config(SPLIT, '  target: { max_accuracy_drop: 1.0, structure: [unstructured] }')), []);
});

void test('out-of-range target values are range errors', () => {
  const errors = errorsOf(
    config(SPLIT, '  target: { max_accuracy_drop: -1, sparsity: [1.5], structure: [unstructured] }'),
  );
  assert.ok(
    errors.some((e) => /max_accuracy_drop|0 or more|at least/.test(e.message)),
    JSON.stringify(errors),
  );
  assert.ok(errors.length >= 2, JSON.stringify(errors));
});

void test('a target finer than one validation example is risk/coarse-target, fixed by allowing one example', () => {
  // iris: 150 examples, 20% validation = 30 examples, one of them 3.33 points.
  const text = config(SPLIT, '  target: { max_accuracy_drop: 1.0, structure: [unstructured] }');
  const warnings = analyzeConfig(text, '/p/c.distill.yaml', memoryFileSystem({})).diagnostics.filter(
    (d) => d.code === 'risk/coarse-target',
  );
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!.message, /about 30 examples, so one example is 3\.33 accuracy points/);
  const fixed = applyEdits(text, warnings[0]!.fixes![0]!.edits);
  assert.match(fixed, /max_accuracy_drop: 3\.4/);
  assert.ok(
    !analyzeConfig(fixed, '/p/c.distill.yaml', memoryFileSystem({})).diagnostics.some(
      (d) => d.code === 'risk/coarse-target',
    ),
  );
});
