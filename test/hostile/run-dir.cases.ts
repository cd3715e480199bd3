/** The run directory is the trainer's alone: foreign folders refused, a lock per run, links and damage caught. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before } from 'node:test';
import type { RunEvent } from '../../src/core/protocol/run-events';
import { runTraining, type RunOutcome } from '../../src/trainer/engine';
import { useTrainerBackend } from '../trainer/helpers';
import { hostile, snapshot, tempDir, TINY_IRIS, withTeacherModel } from './harness';

before(async () => {
  await useTrainerBackend();
});

const noCancel = { reason: (): undefined => undefined, cancel: (): void => undefined, dispose: (): void => undefined };

function train(configPath: string, runDir: string, resume = false): Promise<RunOutcome & { events: RunEvent[] }> {
  const events: RunEvent[] = [];
  return runTraining({ configPath, runDir, resume, cancellation: noCancel, onEvent: (e) => events.push(e) }).then(
    (outcome) => ({ ...outcome, events }),
  );
}

function project(): { dir: string; config: string } {
  const dir = tempDir('project');
  const config = path.join(dir, 'config.distill.yaml');
  fs.writeFileSync(config, TINY_IRIS);
  return { dir, config };
}

let finishedRun: Promise<{ config: string; runDir: string }> | undefined;
/** One finished run, copied by each case that needs one (training it once keeps the catalogue fast). */
async function finishedCopy(): Promise<{ config: string; runDir: string }> {
  finishedRun ??= (async () => {
    const { dir, config } = project();
    const runDir = path.join(dir, 'runs', 'done');
    const outcome = await train(config, runDir);
    assert.equal(outcome.exitCode, 0, outcome.report.error);
    return { config, runDir };
  })();
  const { config, runDir } = await finishedRun;
  const copy = path.join(tempDir('copy'), 'run');
  fs.cpSync(runDir, copy, { recursive: true });
  return { config, runDir: copy };
}

async function refused(config: string, runDir: string, pattern: RegExp, resume = false): Promise<void> {
  const outcome = await train(config, runDir, resume);
  assert.equal(outcome.exitCode, 1);
  assert.match(outcome.report.error ?? '', pattern);
  assert.equal(outcome.events.at(-1)?.type, 'failed', 'the caller still gets a terminal event');
}

hostile('run-dir', '`--run-dir .` in a project (config + teacher/) is refused and nothing is deleted', async () => {
  const { dir, config } = project();
  fs.mkdirSync(path.join(dir, 'teacher'));
  fs.writeFileSync(path.join(dir, 'teacher', 'model.json'), '{"mine": true}');
  const before = snapshot(dir);
  await refused(config, dir, /not a Distillery run directory: it holds .*no events\.jsonl/);
  assert.deepEqual(snapshot(dir), before);
});

hostile('run-dir', 'a folder with a file Distillery did not write is refused, untouched', async () => {
  const { config } = project();
  const dir = tempDir('notes');
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
  const before = snapshot(dir);
  await refused(config, dir, /'notes\.txt', which Distillery did not write/);
  assert.deepEqual(snapshot(dir), before);
});

hostile('run-dir', 'a folder holding only a report.json of unknown origin is refused', async () => {
  const { config } = project();
  const dir = tempDir('report-only');
  fs.writeFileSync(path.join(dir, 'report.json'), '{}');
  await refused(config, dir, /no events\.jsonl/);
  assert.equal(fs.readFileSync(path.join(dir, 'report.json'), 'utf8'), '{}');
});

hostile('run-dir', 'an events.jsonl that is not an event log does not make a folder a run', async () => {
  const { config } = project();
  const dir = tempDir('fake-events');
  fs.writeFileSync(path.join(dir, 'events.jsonl'), 'my diary\n');
  fs.mkdirSync(path.join(dir, 'student'));
  fs.writeFileSync(path.join(dir, 'student', 'keep.txt'), 'keep');
  const before = snapshot(dir);
  await refused(config, dir, /not a Distillery run directory/);
  assert.deepEqual(snapshot(dir), before);
});

hostile('run-dir', 'a run directory that is a file is refused, the file kept', async () => {
  const { dir, config } = project();
  const file = path.join(dir, 'data.txt');
  fs.writeFileSync(file, 'data');
  await refused(config, file, /is a file, not a folder/);
  assert.equal(fs.readFileSync(file, 'utf8'), 'data');
});

hostile('run-dir', 'a finished run with a user file added is refused as a run directory', async () => {
  const { config, runDir } = await finishedCopy();
  fs.writeFileSync(path.join(runDir, 'my-analysis.ipynb'), '{}');
  const before = snapshot(runDir);
  await refused(config, runDir, /'my-analysis\.ipynb'/);
  assert.deepEqual(snapshot(runDir), before);
});

hostile('run-dir', 'a finished run is replaced by a fresh run in the same folder (correct result)', async () => {
  const { config, runDir } = await finishedCopy();
  const outcome = await train(config, runDir);
  assert.equal(outcome.exitCode, 0, outcome.report.error);
  assert.equal(outcome.events.filter((e) => e.type === 'start').length, 1);
  assert.ok(!fs.existsSync(path.join(runDir, 'run.lock')), 'the lock is released at the end');
});

hostile('run-dir', 'a config inside the run folder it would clear is refused, the config kept', async () => {
  const { runDir } = await finishedCopy();
  const inside = path.join(runDir, 'config.distill.yaml');
  const text = fs.readFileSync(inside, 'utf8');
  await refused(inside, runDir, /is inside the run directory .* which a new run clears/);
  assert.equal(fs.readFileSync(inside, 'utf8'), text);
});

hostile('run-dir', 'a teacher model inside the run folder a fresh run would clear is refused', async () => {
  const { runDir } = await finishedCopy();
  const dir = tempDir('teacher-inside');
  const config = path.join(dir, 'c.distill.yaml');
  const teacher = path.join(runDir, 'teacher', 'model.json');
  fs.writeFileSync(config, withTeacherModel(teacher));
  await refused(config, runDir, /model\.json is inside the run directory/);
  assert.ok(fs.existsSync(teacher), 'the teacher is still there');
});

hostile('run-dir', 'a second trainer on a folder locked by a live process refuses, naming the pid', async () => {
  const { config } = project();
  const dir = tempDir('locked');
  const holder = spawn('sleep', ['30']);
  try {
    fs.writeFileSync(
      path.join(dir, 'run.lock'),
      JSON.stringify({ pid: holder.pid, host: (await import('node:os')).hostname(), started: 'now' }),
    );
    await refused(config, dir, new RegExp(`in use by another trainer \\(pid ${holder.pid}`));
    assert.deepEqual(fs.readdirSync(dir), ['run.lock'], 'the lock holder keeps its folder as it was');
  } finally {
    holder.kill();
  }
});

hostile('run-dir', 'a stale lock (its process is gone) is taken over and the run finishes', async () => {
  const { config } = project();
  const dir = tempDir('stale');
  const gone = spawn('true');
  await new Promise((resolve) => gone.on('exit', resolve));
  fs.writeFileSync(
    path.join(dir, 'run.lock'),
    JSON.stringify({ pid: gone.pid, host: (await import('node:os')).hostname(), started: 'then' }),
  );
  const outcome = await train(config, dir);
  assert.equal(outcome.exitCode, 0, outcome.report.error);
  assert.ok(!fs.existsSync(path.join(dir, 'run.lock')));
});

hostile('run-dir', "a lock from another machine is not taken over (its pid can't be checked here)", async () => {
  const { config } = project();
  const dir = tempDir('remote-lock');
  fs.writeFileSync(path.join(dir, 'run.lock'), JSON.stringify({ pid: 1, host: 'node-17.cluster', started: 'x' }));
  await refused(config, dir, /pid 1 on node-17\.cluster.*cannot be checked from this machine/);
});

hostile('run-dir', 'a truncated checkpoint then --resume names the damaged file', async () => {
  const { config, runDir } = await finishedCopy();
  const checkpoint = fs
    .readdirSync(path.join(runDir, 'checkpoints'), { recursive: true })
    .map(String)
    .find((f) => f.endsWith('weights.bin'))!;
  const file = path.join(runDir, 'checkpoints', checkpoint);
  fs.truncateSync(file, fs.statSync(file).size - 3);
  const state = path.join(path.dirname(file), 'state.json');
  fs.writeFileSync(state, fs.readFileSync(state, 'utf8').replace('"finished": true', '"finished": false'));
  const reportBefore = fs.readFileSync(path.join(runDir, 'report.json'), 'utf8');
  const outcome = await train(config, runDir, true);
  assert.equal(outcome.exitCode, 1);
  assert.match(outcome.report.error ?? '', new RegExp(`checkpoint file .*${path.basename(file)} is damaged`));
  assert.equal(
    fs.readFileSync(path.join(runDir, 'report.json'), 'utf8'),
    reportBefore,
    "the finished run's report.json is kept",
  );
});

hostile(
  'run-dir',
  'events.jsonl linked to a file outside: --resume refuses and the outside file is unchanged',
  async () => {
    const { config, runDir } = await finishedCopy();
    const outside = path.join(tempDir('victim'), 'victim.txt');
    fs.writeFileSync(outside, 'victim');
    fs.rmSync(path.join(runDir, 'events.jsonl'));
    fs.symlinkSync(outside, path.join(runDir, 'events.jsonl'));
    const outcome = await train(config, runDir, true);
    assert.equal(outcome.exitCode, 1);
    assert.equal(fs.readFileSync(outside, 'utf8'), 'victim');
  },
);

hostile('run-dir', 'student/ linked to a folder outside: --resume writes nothing there', async () => {
  const { config, runDir } = await finishedCopy();
  const outside = tempDir('victim-dir');
  fs.rmSync(path.join(runDir, 'student'), { recursive: true });
  fs.symlinkSync(outside, path.join(runDir, 'student'));
  const outcome = await train(config, runDir, true);
  assert.equal(outcome.exitCode, 1);
  assert.match(outcome.report.error ?? '', /student is a symbolic link/);
  assert.deepEqual(fs.readdirSync(outside), []);
});

hostile('run-dir', 'checkpoints/ linked outside: --resume refuses, nothing written there', async () => {
  const { config, runDir } = await finishedCopy();
  const outside = tempDir('victim-ckpt');
  fs.cpSync(path.join(runDir, 'checkpoints'), outside, { recursive: true });
  fs.rmSync(path.join(runDir, 'checkpoints'), { recursive: true });
  fs.symlinkSync(outside, path.join(runDir, 'checkpoints'));
  const before = snapshot(outside);
  const outcome = await train(config, runDir, true);
  assert.equal(outcome.exitCode, 1);
  assert.match(outcome.report.error ?? '', /symbolic link/);
  assert.deepEqual(snapshot(outside), before);
});

hostile('run-dir', 'a fresh run over a run whose student/ is a link removes the link, not the target', async () => {
  const { config, runDir } = await finishedCopy();
  const outside = tempDir('link-target');
  fs.writeFileSync(path.join(outside, 'precious.txt'), 'x');
  fs.rmSync(path.join(runDir, 'student'), { recursive: true });
  fs.symlinkSync(outside, path.join(runDir, 'student'));
  const outcome = await train(config, runDir);
  assert.equal(outcome.exitCode, 0, outcome.report.error);
  assert.equal(fs.readFileSync(path.join(outside, 'precious.txt'), 'utf8'), 'x');
  assert.ok(!fs.lstatSync(path.join(runDir, 'student')).isSymbolicLink());
});
