/** check refuses training.augment where train would: image operations on tabular data (any teacher may augment). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeConfig } from '../../../src/core/analysis/analyze';
import { memoryFileSystem } from '../memory-fs';

const config = (source: string, augment: string): string => `version: 1
data:
  source: ${source}
teacher:
  layers:
    - dense: { units: 32, activation: relu }
    - dense: { units: ${source === 'iris' ? 3 : 10} }
student:
  layers:
    - dense: { units: 8, activation: relu }
    - dense: { units: ${source === 'iris' ? 3 : 10} }
training:
  augment: ${augment}
evaluation: { baseline: true }
`;

const rangeErrors = (text: string) =>
  analyzeConfig(text, '/p/c.distill.yaml', memoryFileSystem({})).diagnostics.filter(
    (d) => d.severity === 'error' && d.code === 'range',
  );

void test('shift on tabular data is refused with the trainer words; noise and mixup are accepted', () => {
  const errors = rangeErrors(config('iris', '{ shift: 2 }'));
  assert.equal(errors.length, 1);
  assert.match(errors[0]!.message, /need image data.*shape \[4\]/);
  assert.deepEqual(rangeErrors(config('iris', '{ noise: 0.1, mixup: 0.2 }')), []);
  assert.deepEqual(rangeErrors(config('mnist', '{ shift: 2 }')), []);
});

void test('an ONNX teacher with training.augment is accepted: it labels each augmented batch', () => {
  const text = config('mnist', '{ shift: 2 }').replace(
    /teacher:\n {2}layers:\n.*\n.*\n/,
    'teacher:\n  model: teacher.onnx\n',
  );
  assert.match(text, /model: teacher\.onnx/);
  assert.deepEqual(
    rangeErrors(text).filter((d) => /training\.augment/.test(d.message)),
    [],
  );
  // The same document with a tabular source still gets the image-operations refusal: the rule did run.
  assert.equal(rangeErrors(text.replace('source: mnist', 'source: iris')).length, 1);
});
