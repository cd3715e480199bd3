/**
 * The trainer as the child process the extension spawns: stdout carries only JSON events (no tfjs banner),
 * SIGTERM ends the run `cancelled` with a checkpoint, SIGKILL mid-epoch leaves a readable, resumable run,
 * and a full disk ends the run `failed` with a clear message.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import type { RunReport } from '../../src/core/protocol/report';
import { parseRunEvent, type RunEvent } from '../../src/core/protocol/run-events';
import { RunFiles } from '../../src/trainer/run/run-files';
import { FIXTURES, readJsonLines, tempDir } from './helpers';
import { spawnTrainer } from './trainer-process';

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
  const state = JSON.parse(fs.readFileSync(path.join(runDir, 'checkpoints/student-seed5/state.json'), 'utf8')) as { epochsDone: number };
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
  const state = JSON.parse(fs.readFileSync(path.join(runDir, 'checkpoints/student-seed5/state.json'), 'utf8')) as { epochsDone: number };
  assert.ok(state.epochsDone >= 4);
  const resumed = spawnTrainer([IRIS, '--run-dir', runDir, '--json', '--resume']);
  const { code } = await resumed.exited;
  assert.equal(code, 0, resumed.stderr.join(''));
  const resumedEvents = assertOnlyEvents(resumed.lines);
  const start = resumedEvents[0]!;
  assert.ok(start.type === 'start' && start.resumed);
  const firstStudentEpoch = resumedEvents.find((e) => e.type === 'epoch' && e.role === 'student');
  assert.ok(firstStudentEpoch?.type === 'epoch' && firstStudentEpoch.epoch === state.epochsDone + 1, 'training continues after the checkpoint');
  assert.equal((JSON.parse(fs.readFileSync(path.join(runDir, 'report.json'), 'utf8')) as RunReport).status, 'done');
});

const mountPoint = tempDir('proc-tmpfs');
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint], { stdio: 'pipe' });
  mounted = true;
} catch (error) {
  process.stderr.write(`tmpfs mount failed (${String(error)}); the disk-full test falls back to an injected writer.\n`);
}
after(() => { if (mounted) execFileSync('umount', [mountPoint]); });

void test('no space left on the device: the run fails with a clear message and the events still reach the caller', async () => {
  if (!mounted) {
    // Fallback only where mounting is impossible (not root): the writer's own ENOSPC path, with fs.writeFileSync failing like a full disk.
    const files = new RunFiles(tempDir('proc-enospc'));
    const original = fs.writeFileSync;
    (fs as { writeFileSync: typeof fs.writeFileSync }).writeFileSync = () => { throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }); };
    try {
      assert.throws(() => files.writeFile('teacher/weights.bin', new Uint8Array(10)), /No space left on the device while writing .*teacher\/weights\.bin/);
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
  assert.ok(!fs.readdirSync(path.join(runDir, 'checkpoints', 'teacher-seed2')).some((f) => f.endsWith('.partial')), 'no half-written files are left behind');
  const lines = readJsonLines(path.join(runDir, 'events.jsonl'));
  assert.equal(lines[0]!.type, 'start', 'events.jsonl stays readable');
});
