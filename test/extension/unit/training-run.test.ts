/**
 * The supervisor's guarantees against misbehaving trainers. The children here are small Node scripts run with
 * `node -e`, not the real trainer: only a script can crash, hang or ignore SIGTERM on cue. The real trainer is
 * driven end to end by the VS Code suites (e2e-suite/training.suite.ts).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import type { RunEvent } from '../../../src/core/protocol/run-events';
import { RunAlreadyActiveError, TrainingSupervisor } from '../../../src/extension/training/supervisor';
import type { TrainerLaunch } from '../../../src/extension/training/trainer-launch';

const time = '2026-11-27T00:00:00Z';
const line = (event: object): string => JSON.stringify({ time, ...event });

function script(body: string): TrainerLaunch {
  return { command: process.execPath, args: ['-e', body], env: { PATH: process.env.PATH ?? '' }, cwd: os.tmpdir() };
}

function tempRunDir(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'distillery-run-')), 'run');
}

function watch(supervisor: TrainingSupervisor): { events: RunEvent[]; logs: string[] } {
  const seen = { events: [] as RunEvent[], logs: [] as string[] };
  supervisor.onEvent(({ event }) => seen.events.push(event));
  supervisor.onLog(({ line: l }) => seen.logs.push(l));
  return seen;
}

const readReport = (runDir: string): { status: string; error?: string } =>
  JSON.parse(fs.readFileSync(path.join(runDir, 'report.json'), 'utf8')) as { status: string; error?: string };

void test("streams events, keeps non-event lines and stderr as log, and ends with the trainer's own done", async () => {
  const supervisor = new TrainingSupervisor();
  const seen = watch(supervisor);
  const body = `console.log(${JSON.stringify(line({ type: 'phase', phase: 'data', message: 'loading' }))});
    console.log('tfjs banner that is not an event'); console.error('a warning on stderr');
    process.stdout.write(${JSON.stringify(line({ type: 'done', report_path: 'r', summary: 'student 90%' }))} + '\\n');`;
  const run = supervisor.start('/cfg/a.distill.yaml', tempRunDir(), script(body));
  const outcome = await run.finished;
  assert.equal(outcome.type, 'done');
  assert.deepEqual(
    seen.events.map((e) => e.type),
    ['phase', 'done'],
  );
  assert.ok(seen.logs.includes('tfjs banner that is not an event'));
  assert.ok(seen.logs.includes('a warning on stderr'));
  assert.equal(
    fs.existsSync(path.join(run.runDir, 'report.json')),
    false,
    'a trainer that reports its end writes its own report',
  );
  assert.equal(supervisor.activeRuns.length, 0);
});

void test('a crash without a terminal event becomes a failed run with the exit code and stderr tail, on disk too', async () => {
  const supervisor = new TrainingSupervisor();
  const run = supervisor.start(
    '/cfg/a.distill.yaml',
    tempRunDir(),
    script(`console.error('RangeError: out of memory'); process.exit(3);`),
  );
  const outcome = await run.finished;
  assert.equal(outcome.type, 'failed');
  assert.ok(
    outcome.type === 'failed' && /exited with code 3/.test(outcome.error) && /out of memory/.test(outcome.error),
    JSON.stringify(outcome),
  );
  assert.equal(readReport(run.runDir).status, 'failed');
});

void test('exiting 0 without a result is a failure too, never a silent success', async () => {
  const supervisor = new TrainingSupervisor();
  const run = supervisor.start('/cfg/a.distill.yaml', tempRunDir(), script(''));
  const outcome = await run.finished;
  assert.ok(outcome.type === 'failed' && /without reporting a result/.test(outcome.error));
});

void test('an executable that does not exist fails with a reason naming it', async () => {
  const supervisor = new TrainingSupervisor();
  const run = supervisor.start('/cfg/a.distill.yaml', tempRunDir(), {
    command: '/no/such/node',
    args: [],
    env: {},
    cwd: os.tmpdir(),
  });
  const outcome = await run.finished;
  assert.ok(outcome.type === 'failed' && outcome.error.includes('/no/such/node'), JSON.stringify(outcome));
  assert.match(readReport(run.runDir).error ?? '', /could not start/);
});

void test('refuses a second concurrent run of the same config, allows it once the first has ended', async () => {
  const supervisor = new TrainingSupervisor();
  const hold = script(
    `setTimeout(() => console.log(${JSON.stringify(line({ type: 'done', report_path: 'r', summary: 's' }))}), 300);`,
  );
  const first = supervisor.start('/cfg/a.distill.yaml', tempRunDir(), hold);
  assert.throws(() => supervisor.start('/cfg/a.distill.yaml', tempRunDir(), hold), RunAlreadyActiveError);
  const other = supervisor.start('/cfg/b.distill.yaml', tempRunDir(), hold);
  await Promise.all([first.finished, other.finished]);
  const again = supervisor.start('/cfg/a.distill.yaml', tempRunDir(), hold);
  assert.equal((await again.finished).type, 'done');
});

void test('stop sends SIGTERM and lets the trainer report its own cancellation', async () => {
  const supervisor = new TrainingSupervisor();
  const body = `process.on('SIGTERM', () => { console.log(${JSON.stringify(line({ type: 'cancelled', reason: 'SIGTERM' }))}); process.exit(0); });
    console.log(${JSON.stringify(line({ type: 'phase', phase: 'teacher', message: 'training' }))}); setInterval(() => {}, 1000);`;
  const seen = watch(supervisor);
  const run = supervisor.start('/cfg/a.distill.yaml', tempRunDir(), script(body));
  await new Promise<void>((resolve) => {
    const s = supervisor.onEvent(({ event }) => {
      if (event.type === 'phase') {
        s.dispose();
        resolve();
      }
    });
  });
  assert.equal(supervisor.stop('/cfg/a.distill.yaml'), true);
  const outcome = await run.finished;
  assert.ok(outcome.type === 'cancelled' && outcome.reason === 'SIGTERM');
  assert.equal(seen.events.filter((e) => e.type === 'cancelled').length, 1);
  assert.equal(supervisor.stop('/cfg/a.distill.yaml'), false, 'nothing left to stop');
});

void test('a trainer that ignores SIGTERM is killed after the grace period and recorded as cancelled', async () => {
  const supervisor = new TrainingSupervisor(300);
  const body = `process.on('SIGTERM', () => {}); console.log('up'); setInterval(() => {}, 1000);`;
  const seen = watch(supervisor);
  const run = supervisor.start('/cfg/a.distill.yaml', tempRunDir(), script(body));
  await new Promise<void>((resolve) => {
    const s = supervisor.onLog(({ line: l }) => {
      if (l === 'up') {
        s.dispose();
        resolve();
      }
    });
  });
  supervisor.stop('/cfg/a.distill.yaml');
  const outcome = await run.finished;
  assert.equal(outcome.type, 'cancelled');
  assert.equal(readReport(run.runDir).status, 'cancelled');
  assert.equal(seen.events.at(-1)?.type, 'cancelled');
});

void test('dispose kills every child at once', async () => {
  const supervisor = new TrainingSupervisor();
  const body = `process.on('SIGTERM', () => {}); console.log('up'); setInterval(() => {}, 1000);`;
  const runs = ['/cfg/a.distill.yaml', '/cfg/b.distill.yaml'].map((c) =>
    supervisor.start(c, tempRunDir(), script(body)),
  );
  await supervisor.dispose();
  const outcomes = await Promise.all(runs.map((r) => r.finished));
  assert.deepEqual(
    outcomes.map((o) => o.type),
    ['cancelled', 'cancelled'],
  );
  for (const run of runs) assert.throws(() => process.kill(run.pid ?? -1, 0), 'the child is gone');
});
