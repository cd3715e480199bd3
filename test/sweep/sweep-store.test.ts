/** sweep.json: best-trial choice, atomic saves, and refusal of an unreadable index. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import type { SweepIndex, SweepTrial } from '../../src/core/protocol/sweep';
import { SweepError } from '../../src/core/sweep-error';
import { bestTrial, SweepStore } from '../../src/sweep/sweep-store';

const trial = (index: number, status: SweepTrial['status'], objective?: number): SweepTrial => ({
  id: `trial-00${index}`,
  index,
  params: { 'distillation.temperature': index },
  status,
  run_dir: `trial-00${index}`,
  attempts: 1,
  ...(objective === undefined ? {} : { objective }),
});

void test('the best trial follows the goal, ignores unfinished trials and breaks ties by index', () => {
  const trials = [
    trial(0, 'done', 0.8),
    trial(1, 'failed'),
    trial(2, 'done', 0.9),
    trial(3, 'done', 0.9),
    trial(4, 'cancelled', 0.99),
  ];
  assert.deepEqual(bestTrial(trials, 'maximize'), { trial: 'trial-002', objective: 0.9 });
  assert.deepEqual(bestTrial(trials, 'minimize'), { trial: 'trial-000', objective: 0.8 });
  assert.equal(bestTrial([trial(0, 'failed')], 'maximize'), undefined);
});

function index(): SweepIndex {
  return {
    schema_version: 1,
    sweep_id: 's',
    config_path: '/c.distill.yaml',
    created: 'now',
    updated: 'now',
    executor: 'local',
    method: 'grid',
    metric: 'accuracy',
    goal: 'maximize',
    split: 'validation',
    parameters: [{ path: 'distillation.temperature', values: [0, 1] }],
    budget: 2,
    status: 'running',
    trials: [trial(0, 'pending'), trial(1, 'pending')],
  };
}

void test('updates are saved at once and reload identically; the best follows the trials', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sweep-store-'));
  const store = SweepStore.create(dir, index());
  store.updateTrial('trial-001', { status: 'done', objective: 0.7, metrics: { accuracy: 0.68 } });
  const loaded = SweepStore.load(dir);
  assert.ok(loaded);
  assert.deepEqual(loaded.current, store.current);
  assert.deepEqual(loaded.current.best, { trial: 'trial-001', objective: 0.7 });
  store.updateTrial('trial-001', { status: 'pending', objective: undefined, metrics: undefined });
  const cleared = SweepStore.load(dir)!.current;
  assert.equal(cleared.best, undefined);
  assert.equal('objective' in cleared.trials[1]!, false, 'cleared fields are removed from the file');
  assert.deepEqual(fs.readdirSync(dir), ['sweep.json'], 'no temporary files are left behind');
  assert.throws(() => store.updateTrial('trial-009', { status: 'done' }), SweepError);
});

void test('an unreadable index is refused with a hint, and a folder without one holds no sweep', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sweep-store-'));
  assert.equal(SweepStore.load(dir), undefined);
  fs.writeFileSync(path.join(dir, 'sweep.json'), '{ "schema_version": 1, "trials": [');
  assert.throws(
    () => SweepStore.load(dir),
    (error: unknown) =>
      error instanceof SweepError && /not valid JSON/.test(error.message) && /--sweep-dir/.test(error.hint ?? ''),
  );
  fs.writeFileSync(path.join(dir, 'sweep.json'), '{ "hello": 1 }');
  assert.throws(() => SweepStore.load(dir), /not a Distillery sweep index/);
});
