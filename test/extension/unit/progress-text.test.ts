import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunEvent } from '../../../src/core/protocol/run-events';
import { ProgressEstimator, describeProgress } from '../../../src/extension/training/progress-text';

const time = '2026-11-27T00:00:00Z';
const epoch = (role: 'teacher' | 'student', n: number): RunEvent => ({
  type: 'epoch',
  time,
  role,
  seed: 0,
  epoch: n,
  epochs: 4,
  loss: 0.5,
  train_accuracy: 0.8,
  val_accuracy: 0.912,
  learning_rate: 0.001,
  samples_per_second: 100,
});

void test('describes an epoch with role, position, loss and validation accuracy', () => {
  assert.equal(describeProgress(epoch('student', 2)), 'student epoch 2/4 · loss 0.500 · val 91.2%');
});

void test('estimates progress from the announced phases, never going backwards, 1 when done', () => {
  const estimator = new ProgressEstimator();
  estimator.update({
    type: 'start',
    time,
    run_id: 'r',
    run_dir: '/r',
    config_path: '/c',
    backend: 'wasm',
    pid: 1,
    phases: ['data', 'teacher', 'student'],
    seeds: 1,
    resumed: false,
  });
  const a = estimator.update(epoch('teacher', 2));
  const b = estimator.update(epoch('student', 1));
  const c = estimator.update(epoch('teacher', 1)); // a late or repeated event must not move the bar back
  assert.ok(a > 0 && a < b, `${a} < ${b}`);
  assert.equal(c, b);
  assert.equal(estimator.update({ type: 'done', time, report_path: '/r/report.json', summary: 's' }), 1);
});
