import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunEvent } from '../../../src/core/protocol/run-events';
import { ProgressEstimator } from '../../../src/extension/training/progress-estimator';
import { sampleEpoch } from '../../core/fixtures/epoch-event';

const time = '2026-11-27T00:00:00Z';
const epoch = (role: 'teacher' | 'student', n: number): RunEvent => sampleEpoch({ role, epoch: n });

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
