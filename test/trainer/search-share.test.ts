/**
 * The trainer's steps of a search spread over a Slurm job array, without Slurm (test/sweep/slurm-search-array
 * runs them as jobs): an array task stopped after its first point keeps that point in the run and leaves the rest
 * to the merge, which measures them and says so. A task refuses, with a clear error and without writing
 * anything, a run directory that holds no trained student and a run another trainer holds; the search-step
 * options reject bad combinations.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { TrainerError } from '../../src/trainer/run/errors';
import { runSearchShare } from '../../src/trainer/run/search-share';
import { takeSearchStepArgs } from '../../src/trainer/train-args';
import { readRunReport } from '../../src/core/runs/read-report';
import type { RunEvent } from '../../src/core/protocol/run-events';
import { nodeFileSystem } from '../../src/node/file-system';
import { runTraining } from '../../src/trainer/engine';
import { tempDir, useTrainerBackend, writeConfig } from './helpers';
import { NEVER_CANCELLED } from './train-in-process';
import { spawnTrainer } from './trainer-process';

const dir = tempDir('search-share');
before(async () => {
  await useTrainerBackend();
});
const config = writeConfig(
  dir,
  'search.distill.yaml',
  `version: 1
data: { source: iris, split: { validation: 0.3, test: 0.2, seed: 1 } }
teacher:
  layers: [{ dense: { units: 8, activation: relu } }, { dense: { units: 3 } }]
  training: { epochs: 1 }
student:
  layers: [{ dense: { units: 4, activation: relu } }, { dense: { units: 3 } }]
compression:
  target: { max_accuracy_drop: 1, sparsity: [0, 0.5], structure: [units], dtype: [float32, int8], fine_tune_epochs: 1 }
training: { epochs: 3 }
evaluation: { baseline: false, seeds: 1 }
`,
);

function listing(folder: string): string[] {
  return fs.readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort();
}

void test('an array task refuses a run directory with no trained student and writes nothing there', async () => {
  const runDir = path.join(dir, 'untrained');
  fs.mkdirSync(runDir);
  fs.writeFileSync(path.join(runDir, 'events.jsonl'), '');
  const before = listing(runDir);
  await assert.rejects(
    runSearchShare({
      configPath: config,
      runDir,
      share: { index: 0, count: 2 },
      cancellation: NEVER_CANCELLED,
      onEvent: () => undefined,
    }),
    (e: unknown) =>
      e instanceof TrainerError &&
      /holds no trained student/.test(e.message) &&
      /--stop-before-search/.test(e.hint ?? ''),
  );
  assert.deepEqual(listing(runDir), before);
  // The trainer process says it in words (message and hint), not as a stack, in the Slurm job's output.
  const task = spawnTrainer([config, '--run-dir', runDir, '--json', '--search-share', '0/2']);
  assert.equal((await task.exited).code, 1);
  const stderr = task.stderr.join('');
  assert.match(stderr, /trainer: .* holds no trained student to search from\.\nhint: /);
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
  assert.deepEqual(listing(runDir), before);
});

void test('an array task refuses a run another trainer holds', async () => {
  const runDir = path.join(dir, 'locked');
  fs.mkdirSync(path.join(runDir, 'student'), { recursive: true });
  fs.writeFileSync(path.join(runDir, 'student', 'model.json'), '{}');
  fs.writeFileSync(path.join(runDir, 'events.jsonl'), '');
  // This test process is alive: its pid in the lock is a trainer that still runs.
  fs.writeFileSync(
    path.join(runDir, 'run.lock'),
    JSON.stringify({ pid: process.pid, host: os.hostname(), started: '' }),
  );
  const before = listing(runDir);
  await assert.rejects(
    runSearchShare({
      configPath: config,
      runDir,
      share: { index: 1, count: 2 },
      cancellation: NEVER_CANCELLED,
      onEvent: () => undefined,
    }),
    (e: unknown) => e instanceof TrainerError && e.code === 'run-locked',
  );
  assert.deepEqual(listing(runDir), before);
});

void test('an array task refuses a run whose search/ is a link elsewhere, and removes nothing there', async () => {
  const runDir = path.join(dir, 'linked');
  const outside = path.join(dir, 'outside');
  fs.mkdirSync(path.join(outside, 'tasks', 'task-0'), { recursive: true });
  fs.writeFileSync(path.join(outside, 'tasks', 'task-0', 'keep.txt'), 'not the run');
  fs.mkdirSync(path.join(runDir, 'student'), { recursive: true });
  fs.writeFileSync(path.join(runDir, 'student', 'model.json'), '{}');
  // A run's first event, so the folder reads as a run and only the link is in the way.
  const start: RunEvent = {
    time: new Date().toISOString(),
    type: 'start',
    run_id: 'linked',
    run_dir: runDir,
    config_path: config,
    backend: 'cpu',
    pid: process.pid,
    phases: ['data'],
    seeds: 1,
    resumed: false,
  };
  fs.writeFileSync(path.join(runDir, 'events.jsonl'), `${JSON.stringify(start)}\n`);
  fs.symlinkSync(outside, path.join(runDir, 'search'));
  await assert.rejects(
    runSearchShare({
      configPath: config,
      runDir,
      share: { index: 0, count: 2 },
      cancellation: NEVER_CANCELLED,
      onEvent: () => undefined,
    }),
    (e: unknown) => e instanceof TrainerError && e.code === 'run-file-link',
  );
  assert.equal(fs.readFileSync(path.join(outside, 'tasks', 'task-0', 'keep.txt'), 'utf8'), 'not the run');
});

void test('the search-step options parse and refuse bad combinations', () => {
  assert.deepEqual(takeSearchStepArgs(['c.yaml', '--search-share=1/2', '--json']), {
    stopBeforeSearch: false,
    share: { index: 1, count: 2 },
    rest: ['c.yaml', '--json'],
  });
  assert.deepEqual(takeSearchStepArgs(['c.yaml', '--stop-before-search']), {
    stopBeforeSearch: true,
    rest: ['c.yaml'],
  });
  assert.throws(
    () => takeSearchStepArgs(['c.yaml', '--stop-before-search', '--search-share', '0/2']),
    /different jobs/,
  );
  assert.throws(() => takeSearchStepArgs(['c.yaml', '--search-share']), /needs a value/);
  assert.throws(() => takeSearchStepArgs(['c.yaml', '--search-share', '2/2']), /I < N/);
});

void test('a task stopped during its second point keeps the first in the run; the merge measures the rest and says which', async () => {
  const runDir = path.join(dir, 'run');
  const events: RunEvent[] = [];
  const step = { configPath: config, runDir, onEvent: (e: RunEvent) => events.push(e) };
  const first = await runTraining({ ...step, resume: false, cancellation: NEVER_CANCELLED, stopBeforeSearch: true });
  assert.equal(first.handedOff, true);
  assert.equal(first.exitCode, 0);
  assert.ok(!fs.existsSync(path.join(runDir, 'report.json')), 'the first job writes no report: the run goes on');
  assert.ok(fs.existsSync(path.join(runDir, 'student', 'model.json')));
  // Task 0 of 2 has the group `none` (none-float32, then none-int8): stop it once the second point starts
  // (the first is recorded by then; the second's export sees the stop before it writes anything).
  let reason: string | undefined;
  const task = await runSearchShare({
    ...step,
    share: { index: 0, count: 2 },
    cancellation: { reason: () => reason, cancel: () => undefined, dispose: () => undefined },
    onEvent: (e) => {
      if (e.type === 'phase' && e.message === 'Search point none-int8.') reason = 'SIGTERM';
    },
  });
  assert.equal(task.exitCode, 130, 'the task ends cancelled');
  assert.ok(fs.existsSync(path.join(runDir, 'search', 'none-float32', 'point.json')), 'its finished point is moved in');
  assert.ok(!fs.existsSync(path.join(runDir, 'search', 'none-int8')), 'its unfinished point is not');
  assert.deepEqual(fs.readdirSync(path.join(runDir, 'search', 'tasks', 'task-0')), ['events.jsonl']);
  const merged = await runTraining({ ...step, resume: true, cancellation: NEVER_CANCELLED });
  assert.equal(merged.report.status, 'done', merged.report.error);
  const warning = merged.report.warnings.find((w) => /array tasks left/.test(w));
  assert.match(
    warning ?? '',
    /3 point\(s\) unmeasured \(none-int8, units50-float32, units50-int8\)/,
    merged.report.warnings.join('\n'),
  );
  assert.ok(!fs.existsSync(path.join(runDir, 'search', 'tasks')), 'the merge removes the task copies');
  const read = readRunReport(nodeFileSystem, runDir);
  assert.ok(read.ok);
  assert.deepEqual(
    read.report.compression_search?.points.map((p) => p.id),
    ['none-float32', 'none-int8', 'units50-float32', 'units50-int8'],
  );
});

void test('the merge takes the finished points of a task killed (SIGKILL) before it could move them', async () => {
  const runDir = path.join(dir, 'killed');
  const events: RunEvent[] = [];
  const step = { configPath: config, runDir, onEvent: (e: RunEvent) => events.push(e) };
  assert.equal(
    (await runTraining({ ...step, resume: false, cancellation: NEVER_CANCELLED, stopBeforeSearch: true })).handedOff,
    true,
  );
  const task = spawnTrainer([config, '--run-dir', runDir, '--json', '--search-share', '0/2']);
  await task.waitForEvent((e) => e.type === 'phase' && e.message === 'Search point none-int8.');
  task.child.kill('SIGKILL');
  assert.equal((await task.exited).signal, 'SIGKILL');
  const copy = path.join(runDir, 'search', 'tasks', 'task-0');
  assert.ok(
    fs.existsSync(path.join(copy, 'search', 'none-float32', 'point.json')),
    'the killed task recorded one point',
  );
  assert.ok(!fs.existsSync(path.join(runDir, 'search', 'none-float32')), 'and could not move it');
  events.length = 0;
  const merged = await runTraining({ ...step, resume: true, cancellation: NEVER_CANCELLED });
  assert.equal(merged.report.status, 'done', merged.report.error);
  const measured = events.flatMap((e) =>
    e.type === 'phase' && e.message.startsWith('Search point') ? [e.message] : [],
  );
  assert.deepEqual(measured, [
    'Search point none-int8.',
    'Search point units50-float32.',
    'Search point units50-int8.',
  ]);
  assert.match(
    merged.report.warnings.find((w) => /array tasks left/.test(w)) ?? '',
    /3 point\(s\) unmeasured \(none-int8, units50-float32, units50-int8\)/,
  );
  assert.equal(merged.report.compression_search?.points.length, 4);
});

void test('a requeued task (its first attempt killed) measures only what that attempt did not finish', async () => {
  const runDir = path.join(dir, 'requeued');
  const step = { configPath: config, runDir, onEvent: () => undefined };
  await runTraining({ ...step, resume: false, cancellation: NEVER_CANCELLED, stopBeforeSearch: true });
  const first = spawnTrainer([config, '--run-dir', runDir, '--json', '--search-share', '0/2']);
  await first.waitForEvent((e) => e.type === 'phase' && e.message === 'Search point none-int8.');
  first.child.kill('SIGKILL');
  await first.exited;
  const measured: string[] = [];
  const again = await runSearchShare({
    ...step,
    share: { index: 0, count: 2 },
    cancellation: NEVER_CANCELLED,
    onEvent: (e) => {
      if (e.type === 'phase' && e.message.startsWith('Search point')) measured.push(e.message);
    },
  });
  assert.equal(again.handedOff, true);
  assert.deepEqual(measured, ['Search point none-int8.'], 'none-float32 was finished by the killed attempt');
  for (const id of ['none-float32', 'none-int8'])
    assert.ok(fs.existsSync(path.join(runDir, 'search', id, 'point.json')), `${id} is in the run`);
  assert.deepEqual(fs.readdirSync(path.join(runDir, 'search', 'tasks', 'task-0')), ['events.jsonl']);
});
