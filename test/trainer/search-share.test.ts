/**
 * A Slurm array task of a spread search (`--search-share I/N`) refuses, with a clear error and without writing
 * anything, a run directory that holds no trained student and a run another trainer holds; the trainer's
 * search-step options reject bad combinations.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { TrainerError } from '../../src/trainer/run/errors';
import { runSearchShare } from '../../src/trainer/run/search-share';
import { takeSearchStepArgs } from '../../src/trainer/train-args';
import { tempDir, writeConfig } from './helpers';

const dir = tempDir('search-share');
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
  target: { max_accuracy_drop: 1, sparsity: [0, 0.5], structure: [units], dtype: [float32] }
`,
);
const never = { reason: () => undefined, cancel: () => undefined, dispose: () => undefined };

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
      cancellation: never,
      onEvent: () => undefined,
    }),
    (e: unknown) =>
      e instanceof TrainerError &&
      /holds no trained student/.test(e.message) &&
      /--stop-before-search/.test(e.hint ?? ''),
  );
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
      cancellation: never,
      onEvent: () => undefined,
    }),
    (e: unknown) => e instanceof TrainerError && e.code === 'run-locked',
  );
  assert.deepEqual(listing(runDir), before);
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
