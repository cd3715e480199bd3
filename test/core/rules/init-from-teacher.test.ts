/** student.init: teacher is checked where the trainer would refuse it: explicit student.layers have nothing to copy from. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeConfig } from '../../../src/core/analysis/analyze';
import { memoryFileSystem } from '../memory-fs';
import { applyEdits } from './apply-edits';

const config = (student: string): string => `version: 1
data:
  source: iris
teacher:
  layers:
    - dense: { units: 32, activation: relu, name: wide }
    - dense: { units: 3 }
student:
${student}
  init: teacher
evaluation: { baseline: true }
`;

const errorsOf = (text: string) =>
  analyzeConfig(text, '/p/c.distill.yaml', memoryFileSystem({})).diagnostics.filter((d) => d.severity === 'error');

void test('init: teacher with explicit student.layers is a range error on student.init, fixed by init: random', () => {
  const text = config('  layers:\n    - dense: { units: 8, activation: relu }\n    - dense: { units: 3 }');
  const errors = errorsOf(text);
  assert.equal(errors.length, 1, JSON.stringify(errors));
  const [error] = errors;
  assert.equal(error!.code, 'range');
  assert.match(error!.message, /from_teacher/);
  assert.equal(error!.range.start.line, 11, 'underlines the student.init value');
  const fixed = applyEdits(text, error!.fixes![0]!.edits);
  assert.match(fixed, /init: random/);
  assert.deepEqual(errorsOf(fixed), []);
});

void test('init: teacher with from_teacher is accepted', () => {
  assert.deepEqual(errorsOf(config('  from_teacher: { width: 0.5 }')), []);
});
