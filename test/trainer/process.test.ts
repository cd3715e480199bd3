/**
 * The trainer as the child process the extension spawns: stdout carries only JSON events (no tfjs banner),
 * SIGTERM ends the run `cancelled` with a checkpoint, SIGKILL mid-epoch leaves a readable, resumable run,
 * and a full disk ends the run `failed` with a clear message. The built trainer stops within a batch of a
 * SIGTERM, in the main process and in its baseline worker, and the worker never outlives it.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import type { RunReport } from '../../src/core/protocol/report';
import { parseRunEvent, type RunEvent } from '../../src/core/protocol/run-events';
import { RunFiles } from '../../src/trainer/run/run-files';
import { FIXTURES, readJsonLines, tempDir, writeConfig } from './helpers';
import { BUILT_TRAINER, spawnTrainer, type TrainerChild } from './trainer-process';

const IRIS = path.join(FIXTURES, 'iris-fast.distill.yaml');

function assertOnlyEvents(lines: readonly string[]): RunEvent[] {
  assert.ok(lines.length > 0, 'the trainer printed events');
  return lines.map((line, i) => {
    const event = parseRunEvent(line);
    assert.ok(event, `stdout line ${i + 1} is not a run event: ${line.slice(0, 200)}`);
    return event;
  });
}

void test('on the pure-JS backend too, stdout carries only the JSON events (the tfjs banner goes to stderr)', async () => {
  const runDir = tempDir('proc-cpu');
  const trainer = spawnTrainer([IRIS, '--run-dir', runDir, '--json', '--seed', '3'], { DISTILLERY_BACKEND: 'cpu' });
  const { code } = await trainer.exited;
  assert.equal(code, 0, trainer.stderr.join(''));
  const events = assertOnlyEvents(trainer.lines);
  const start = events[0]!;
  assert.ok(start.type === 'start' && start.backend === 'cpu');
  assert.equal(events[events.length - 1]!.type, 'done');
  assert.match(trainer.stderr.join(''), /tfjs-node/, 'the banner was printed, on stderr');
});

void test('SIGTERM mid-training: status cancelled, checkpoint kept, non-zero exit, report written', async () => {
  const runDir = tempDir('proc-term');
  const trainer = spawnTrainer([IRIS, '--run-dir', runDir, '--json']);
  await trainer.waitForEvent((e) => e.type === 'epoch' && e.role === 'student' && e.epoch === 3);
  trainer.child.kill('SIGTERM');
  const { code } = await trainer.exited;
  assert.equal(code, 130);
  const events = assertOnlyEvents(trainer.lines);
  assert.equal(events[events.length - 1]!.type, 'cancelled');
  const report = JSON.parse(fs.readFileSync(path.join(runDir, 'report.json'), 'utf8')) as RunReport;
  assert.equal(report.status, 'cancelled');
  assert.ok(report.teacher, 'what finished before the stop is in the report');
  const state = JSON.parse(fs.readFileSync(path.join(runDir, 'checkpoints/student-seed5/state.json'), 'utf8')) as {
    epochsDone: number;
  };
  assert.ok(state.epochsDone >= 3);
});

void test('SIGKILL mid-epoch: the run directory stays readable and --resume finishes the run', async () => {
  const runDir = tempDir('proc-kill');
  const trainer = spawnTrainer([IRIS, '--run-dir', runDir, '--json']);
  await trainer.waitForEvent((e) => e.type === 'epoch' && e.role === 'student' && e.epoch === 4);
  trainer.child.kill('SIGKILL');
  const { signal } = await trainer.exited;
  assert.equal(signal, 'SIGKILL');
  // Every line of events.jsonl is whole JSON, and the checkpoint state parses.
  const events = readJsonLines(path.join(runDir, 'events.jsonl'));
  assert.ok(events.some((e) => e.type === 'epoch'));
  const state = JSON.parse(fs.readFileSync(path.join(runDir, 'checkpoints/student-seed5/state.json'), 'utf8')) as {
    epochsDone: number;
  };
  assert.ok(state.epochsDone >= 4);
  const resumed = spawnTrainer([IRIS, '--run-dir', runDir, '--json', '--resume']);
  const { code } = await resumed.exited;
  assert.equal(code, 0, resumed.stderr.join(''));
  const resumedEvents = assertOnlyEvents(resumed.lines);
  const start = resumedEvents[0]!;
  assert.ok(start.type === 'start' && start.resumed);
  const firstStudentEpoch = resumedEvents.find((e) => e.type === 'epoch' && e.role === 'student');
  assert.ok(
    firstStudentEpoch?.type === 'epoch' && firstStudentEpoch.epoch === state.epochsDone + 1,
    'training continues after the checkpoint',
  );
  assert.equal((JSON.parse(fs.readFileSync(path.join(runDir, 'report.json'), 'utf8')) as RunReport).status, 'done');
});

/** Iris with tiny batches and thousands of epochs: any signal lands mid-epoch, long before the run could finish. */
const LONG_CONFIG = [
  'version: 1',
  'data: { source: iris, split: { validation: 0.2, test: 0.3, seed: 5 } }',
  'teacher:',
  '  layers: [ { dense: { units: 32, activation: relu } }, { dense: { units: 3 } } ]',
  '  training: { epochs: 3, batch_size: 4, learning_rate: 0.01 }',
  'student:',
  '  layers: [ { dense: { units: 8, activation: relu } }, { dense: { units: 3 } } ]',
  'training: { epochs: 3000, batch_size: 4, learning_rate: 0.01 }',
  'evaluation: { baseline: true, seeds: 1 }',
  '',
].join('\n');
/** From the signal to the trainer's exit: a batch, the report and the worker's own stop take well under a second here. */
const STOP_BOUND_MS = 2500;

/** Live (non-zombie) processes whose parent is `pid`, from /proc. */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(ppid) === pid && state !== 'Z') out.push(Number(name));
  }
  return out;
}

function isAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Workers seen by the tests: killed at the end should a failing test leave one behind. */
const seenWorkers: number[] = [];
after(() => {
  for (const pid of seenWorkers) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
});

/** The trainer's baseline worker (a child running trainer-worker.js), found through /proc while it trains. */
function workerOf(trainer: TrainerChild): number {
  const workers = childrenOf(trainer.child.pid!).filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('trainer-worker.js');
    } catch {
      return false;
    }
  });
  assert.equal(
    workers.length,
    1,
    `one baseline worker under the trainer (children: ${childrenOf(trainer.child.pid!).join(', ')})`,
  );
  seenWorkers.push(workers[0]!);
  return workers[0]!;
}

/** Resolves when the trainer and everything holding its stdio (the worker inherits stderr) have ended; fails after `ms`. */
function exitWithin(
  trainer: TrainerChild,
  ms: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; elapsed: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      trainer.child.kill('SIGKILL');
      reject(new Error(`the trainer did not exit within ${ms} ms of the signal; stderr:\n${trainer.stderr.join('')}`));
    }, ms);
    void trainer.exited.then((exit) => {
      clearTimeout(timer);
      resolve({ ...exit, elapsed: performance.now() - started });
    });
  });
}

function assertCancelled(
  trainer: TrainerChild,
  runDir: string,
  exit: { code: number | null; elapsed: number },
): RunEvent[] {
  assert.equal(exit.code, 130, trainer.stderr.join(''));
  assert.ok(exit.elapsed < STOP_BOUND_MS, `stopped ${Math.round(exit.elapsed)} ms after SIGTERM`);
  const events = assertOnlyEvents(trainer.lines);
  const last = events[events.length - 1]!;
  assert.ok(last.type === 'cancelled', `last event is ${last.type}`);
  assert.match(last.reason, /SIGTERM/);
  assert.ok(
    !events.some((e) => e.type === 'warning' && e.code === 'worker-killed'),
    'the worker stopped by itself, not after its grace',
  );
  const report = JSON.parse(fs.readFileSync(path.join(runDir, 'report.json'), 'utf8')) as RunReport;
  assert.equal(report.status, 'cancelled');
  return events;
}

/** The built trainer (dist/trainer.js) on the long config, in a fresh run folder: tests stop it part-way. */
function startLongBuiltRun(prefix: string): { trainer: TrainerChild; runDir: string } {
  assert.ok(fs.existsSync(BUILT_TRAINER), 'dist/trainer.js is missing: run `npm run build`');
  const dir = tempDir(prefix);
  const runDir = path.join(dir, 'run');
  const trainer = spawnTrainer(
    [writeConfig(dir, 'long.distill.yaml', LONG_CONFIG), '--run-dir', runDir, '--json'],
    {},
    'built',
  );
  return { trainer, runDir };
}

void test('built trainer: SIGTERM after the first epoch event stops the run within a batch, cancelled', async () => {
  const { trainer, runDir } = startLongBuiltRun('proc-term-built');
  const first = await trainer.waitForEvent((e) => e.type === 'epoch');
  assert.ok(first.type === 'epoch' && first.role === 'teacher' && first.epoch === 1);
  trainer.child.kill('SIGTERM');
  const events = assertCancelled(trainer, runDir, await exitWithin(trainer, 10_000));
  assert.ok(!events.some((e) => e.type === 'epoch' && e.epoch > 2), 'no further epoch completed after the signal');
});

void test('built trainer: SIGTERM while the students and the baseline worker train stops both; no worker is left', async () => {
  const { trainer, runDir } = startLongBuiltRun('proc-term-worker');
  // The worker's first epoch: it is past its start-up and inside its training loop.
  await trainer.waitForEvent((e) => e.type === 'epoch' && e.role === 'baseline');
  const worker = workerOf(trainer);
  trainer.child.kill('SIGTERM');
  const events = assertCancelled(trainer, runDir, await exitWithin(trainer, 10_000));
  assert.equal(isAlive(worker), false, `the baseline worker ${worker} is gone`);
  const baselineEpochs = events.filter((e) => e.type === 'epoch' && e.role === 'baseline');
  assert.ok(baselineEpochs.length < 3000, 'the baseline did not train to the end');
});

void test('built trainer killed outright (SIGKILL): its baseline worker does not outlive it', async () => {
  const { trainer } = startLongBuiltRun('proc-kill-worker');
  await trainer.waitForEvent((e) => e.type === 'epoch' && e.role === 'baseline');
  const worker = workerOf(trainer);
  trainer.child.kill('SIGKILL');
  // `exited` is the stdio's close: the worker holds the inherited stderr until it ends.
  const exit = await exitWithin(trainer, 10_000);
  assert.equal(exit.signal, 'SIGKILL');
  assert.ok(exit.elapsed < STOP_BOUND_MS, `the worker ended ${Math.round(exit.elapsed)} ms after its trainer`);
  assert.equal(isAlive(worker), false, `the baseline worker ${worker} is gone`);
});

const mountPoint = tempDir('proc-tmpfs');
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint], { stdio: 'pipe' });
  mounted = true;
} catch (error) {
  process.stderr.write(`tmpfs mount failed (${String(error)}); the disk-full test falls back to an injected writer.\n`);
}
after(() => {
  if (mounted) execFileSync('umount', [mountPoint]);
});

void test('no space left on the device: the run fails with a clear message and the events still reach the caller', async () => {
  if (!mounted) {
    // Fallback only where mounting is impossible (not root): the writer's own ENOSPC path, with fs.writeFileSync failing like a full disk.
    const files = new RunFiles(tempDir('proc-enospc'));
    const original = fs.writeFileSync;
    (fs as { writeFileSync: typeof fs.writeFileSync }).writeFileSync = () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    try {
      assert.throws(
        () => files.writeFile('teacher/weights.bin', new Uint8Array(10)),
        /No space left on the device while writing .*teacher\/weights\.bin/,
      );
    } finally {
      (fs as { writeFileSync: typeof fs.writeFileSync }).writeFileSync = original;
    }
    return;
  }
  // A real 1 MB filesystem: the MNIST teacher's checkpoint (about 2 MB of weights) cannot fit.
  const runDir = path.join(mountPoint, 'run');
  const trainer = spawnTrainer([path.join(FIXTURES, 'mnist-big-teacher.distill.yaml'), '--run-dir', runDir, '--json']);
  const { code } = await trainer.exited;
  assert.equal(code, 1);
  const events = assertOnlyEvents(trainer.lines);
  const last = events[events.length - 1]!;
  assert.ok(last.type === 'failed', `last event is ${last.type}`);
  assert.match(last.error, /No space left on the device while writing .*checkpoints\/teacher-seed\d+\/weights\.bin/);
  assert.match(last.hint ?? '', /Free some disk space/);
  assert.match(
    trainer.stderr.join(''),
    /trainer: failed: No space left on the device/,
    'the reason also reaches stderr, for logs that drop stdout (Slurm jobs)',
  );
  assert.ok(
    !fs.readdirSync(path.join(runDir, 'checkpoints', 'teacher-seed2')).some((f) => f.endsWith('.partial')),
    'no half-written files are left behind',
  );
  const lines = readJsonLines(path.join(runDir, 'events.jsonl'));
  assert.equal(lines[0]!.type, 'start', 'events.jsonl stays readable');
});
