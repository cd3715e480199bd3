/**
 * Sweeps on a real single-node Slurm cluster (started on loopback by the test setup) with the real trainer on
 * real iris data: a job array to completion, resume, the same best trial with the local executor, cancelling,
 * and a trial killed by Slurm that is recorded as failed and re-run alone.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { parseSweepEvent, type SweepEvent, type SweepIndex } from '../../src/core/protocol/sweep';
import type { RunReport } from '../../src/core/protocol/report';
import { parseRunEvent, TERMINAL_EVENTS } from '../../src/core/protocol/run-events';
import { runSweep } from '../../src/sweep/run-sweep';
import { tinyConfig } from './fixtures/configs';
import { slurm, startCluster, type TestCluster } from './fixtures/slurm-cluster';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const SWEEP = '  seed: 5\n  parameters:\n    - { path: training.learning_rate, values: [0.0003, 0.003, 0.01, 0.03] }';

function readIndex(dir: string): SweepIndex {
  return JSON.parse(fs.readFileSync(path.join(dir, 'sweep.json'), 'utf8')) as SweepIndex;
}

function readReport(runDir: string): RunReport {
  return JSON.parse(fs.readFileSync(path.join(runDir, 'report.json'), 'utf8')) as RunReport;
}

async function runCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { env, cwd });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}

/** The student's validation accuracy: from report.json, or (reports without `validation`) its last epoch's `val_accuracy`. */
function validationAccuracy(runDir: string): number | undefined {
  const fromReport = readReport(runDir).student?.validation?.accuracy;
  if (fromReport !== undefined) return fromReport;
  const epochs = fs
    .readFileSync(path.join(runDir, 'events.jsonl'), 'utf8')
    .split('\n')
    .map(parseRunEvent)
    .filter((e) => e?.type === 'epoch' && e.role === 'student');
  const last = epochs[epochs.length - 1];
  return last?.type === 'epoch' ? last.val_accuracy : undefined;
}

/** Every run directory is consistent: a trial that started has events ending in a terminal event and a report that agrees. */
function assertConsistent(sweepDir: string, index: SweepIndex): void {
  for (const trial of index.trials) {
    const runDir = path.join(sweepDir, trial.run_dir);
    assert.ok(fs.existsSync(path.join(runDir, 'trial.distill.yaml')), `${trial.id} has its derived config`);
    const eventsFile = path.join(runDir, 'events.jsonl');
    if (!fs.existsSync(eventsFile)) {
      assert.ok(!fs.existsSync(path.join(runDir, 'report.json')), `${trial.id}: a report without events`);
      continue;
    }
    const events = fs
      .readFileSync(eventsFile, 'utf8')
      .split('\n')
      .map(parseRunEvent)
      .filter((e) => e !== undefined);
    const last = events[events.length - 1];
    assert.ok(
      last && TERMINAL_EVENTS.has(last.type),
      `${trial.id}: events.jsonl ends with ${last?.type ?? 'nothing'}, not a terminal event`,
    );
    assert.equal(readReport(runDir).status, last.type, `${trial.id}: report.json agrees with the event log`);
  }
}

void describe('sweeps on a single-node Slurm cluster', () => {
  let cluster: TestCluster | undefined;
  let work: string;
  let config: string;

  before(() => {
    assert.ok(
      fs.existsSync(path.join(ROOT, 'dist', 'trainer.js')),
      'dist/trainer.js is missing: run `npm run build` (the sweep tests run the real trainer)',
    );
    assert.ok(fs.existsSync(CLI), 'dist/cli.js is missing: run `npm run build`');
    cluster = startCluster();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'distillery-sweep-'));
    config = path.join(work, 'iris.distill.yaml');
    fs.writeFileSync(config, tinyConfig({ sweep: SWEEP }));
  });

  after(() => {
    cluster?.stop();
  });

  void test('the cluster listens on no address outside its private namespace', () => {
    const listening = spawnSync('ss', ['-Hltn'], { encoding: 'utf8' }).stdout;
    assert.doesNotMatch(listening, /:681[78]\b/, 'slurmctld/slurmd ports must not be open in the host namespace');
    const addresses = spawnSync('nsenter', ['-t', String(cluster!.namespacePid), '-n', 'ip', '-o', 'addr'], {
      encoding: 'utf8',
    }).stdout;
    const devices = new Set(
      addresses
        .trim()
        .split('\n')
        .map((l) => l.split(/\s+/)[1]),
    );
    assert.deepEqual([...devices], ['lo'], `the namespace has only loopback: ${addresses}`);
  });

  void test('distillery sweep --executor slurm runs 4 trials as one job array to a correct sweep.json', async () => {
    const { code, stdout, stderr } = await runCli(
      ['sweep', config, '--executor', 'slurm', '--json', '--time', '10', '--mem', '500M'],
      cluster!.env,
      work,
    );
    assert.equal(code, 0, `distillery sweep failed:\n${stderr}\n${stdout.slice(-2000)}`);
    const events = stdout
      .split('\n')
      .map(parseSweepEvent)
      .filter((e): e is SweepEvent => e !== undefined);
    const end = events.find((e) => e.type === 'sweep-end');
    assert.ok(end && end.type === 'sweep-end' && end.status === 'done', `sweep-end: ${JSON.stringify(end)}`);
    const sweepDir = end.sweep_dir;
    assert.equal(sweepDir, path.join(work, 'runs', 'iris-sweep'));
    const index = readIndex(sweepDir);
    assert.equal(index.executor, 'slurm');
    assert.equal(index.status, 'done');
    assert.equal(index.trials.length, 4);
    assert.deepEqual(index.parameters, [{ path: 'training.learning_rate', values: [0.0003, 0.003, 0.01, 0.03] }]);
    assert.ok(index.slurm?.job_id && /^\d+$/.test(index.slurm.job_id));
    assert.deepEqual(index.slurm, { job_id: index.slurm.job_id, time: '10', mem: '500M' });
    for (const trial of index.trials) {
      assert.equal(trial.status, 'done', `${trial.id}: ${trial.error ?? ''}`);
      assert.equal(trial.job_id, `${index.slurm.job_id}_${trial.index}`, 'one array, task N = trial N');
      assert.equal(trial.attempts, 1);
      const report = readReport(path.join(sweepDir, trial.run_dir));
      assert.equal(report.status, 'done');
      assert.equal(
        trial.objective,
        validationAccuracy(path.join(sweepDir, trial.run_dir)),
        `${trial.id}: the objective is the trial's validation accuracy`,
      );
      assert.equal(trial.metrics?.accuracy, report.student?.metrics.accuracy, 'test metrics are shown beside it');
      assert.ok(
        fs.existsSync(path.join(sweepDir, 'slurm', `${trial.job_id}.out`)),
        'Slurm wrote the task output on the shared filesystem',
      );
    }
    const best = [...index.trials].sort((a, b) => b.objective! - a.objective! || a.index - b.index)[0]!;
    assert.deepEqual(index.best, { trial: best.id, objective: best.objective });
    assert.ok(
      events.some((e) => e.type === 'trial-progress'),
      'progress was followed from events.jsonl',
    );
    assertConsistent(sweepDir, index);
  });

  void test('running the sweep again resumes: finished trials are skipped', async () => {
    const sweepDir = path.join(work, 'runs', 'iris-sweep');
    const before = readIndex(sweepDir);
    const events: SweepEvent[] = [];
    const index = await runSweep(config, { executor: 'slurm', env: cluster!.env, onEvent: (e) => events.push(e) });
    const start = events.find((e) => e.type === 'sweep-start');
    assert.ok(start?.type === 'sweep-start');
    assert.deepEqual(start.to_run, []);
    assert.equal(index.status, 'done');
    assert.deepEqual(index.trials, before.trials);
  });

  void test('the same sweep with the local executor picks the same best trial for the fixed seed', async () => {
    const slurmIndex = readIndex(path.join(work, 'runs', 'iris-sweep'));
    const local = await runSweep(config, { executor: 'local', parallel: 2, sweepDir: path.join(work, 'local-sweep') });
    assert.equal(local.status, 'done');
    assert.equal(local.best?.trial, slurmIndex.best?.trial);
    assert.deepEqual(
      local.trials.map((t) => t.objective),
      slurmIndex.trials.map((t) => t.objective),
      'each trial reaches the same validation accuracy on both executors',
    );
  });

  void test('an accuracy-aware search runs in each task of a Slurm job array, every point recorded in the trial', async () => {
    // One whole search per trial (the sweep varies the target); the points of one search are not spread over tasks.
    const searchConfig = path.join(work, 'search.distill.yaml');
    fs.writeFileSync(
      searchConfig,
      tinyConfig({
        extra:
          'compression:\n  target: { max_accuracy_drop: 1, sparsity: [0, 0.5], structure: [units], dtype: [float32, int8], fine_tune_epochs: 1 }',
        sweep: '  seed: 5\n  parameters:\n    - { path: compression.target.max_accuracy_drop, values: [0.5, 5] }',
      }),
    );
    const sweepDir = path.join(work, 'search-sweep');
    const index = await runSweep(searchConfig, { executor: 'slurm', env: cluster!.env, sweepDir });
    assert.equal(index.status, 'done', JSON.stringify(index.trials.map((t) => t.error)));
    assert.equal(index.trials.length, 2);
    for (const trial of index.trials) {
      assert.ok(trial.job_id?.startsWith(`${index.slurm!.job_id}_`), `${trial.id} ran as a task of the array`);
      const runDir = path.join(sweepDir, trial.run_dir);
      const search = readReport(runDir).compression_search;
      assert.ok(search, `${trial.id} has its search in report.json`);
      assert.equal(search.max_accuracy_drop, trial.params['compression.target.max_accuracy_drop']);
      assert.deepEqual(
        search.points.map((p) => p.id),
        ['none-float32', 'none-int8', 'units50-float32', 'units50-int8'],
      );
      for (const p of search.points)
        assert.ok(fs.existsSync(path.join(runDir, 'search', p.id, 'point.json')), `${trial.id}: ${p.id} recorded`);
      const chosen = search.points.find((p) => p.id === search.chosen)!;
      assert.ok(
        chosen.within_target || chosen.id === search.reference,
        `${trial.id}: chose ${chosen.id} outside the target`,
      );
    }
    assertConsistent(sweepDir, index);
  });

  void test('distillery train --executor slurm runs one batch job to a finished run directory', async () => {
    const plain = path.join(work, 'single.distill.yaml');
    fs.writeFileSync(plain, tinyConfig());
    const runDir = path.join(work, 'single-run');
    const { code, stdout, stderr } = await runCli(
      ['train', plain, '--executor', 'slurm', '--run-dir', runDir, '--json', '--seed', '5', '--cpus', '1'],
      cluster!.env,
      work,
    );
    assert.equal(code, 0, `distillery train --executor slurm failed:\n${stderr}`);
    const events = stdout
      .split('\n')
      .map(parseRunEvent)
      .filter((e) => e !== undefined);
    assert.equal(events[0]?.type, 'start');
    assert.ok(
      events.some((e) => e.type === 'epoch'),
      'epochs were followed while the job ran',
    );
    assert.equal(events[events.length - 1]?.type, 'done');
    assert.equal(readReport(runDir).status, 'done');
    const slurmFiles = fs.readdirSync(path.join(runDir, 'slurm'));
    assert.ok(
      slurmFiles.includes('run.sbatch') && slurmFiles.some((f) => /^\d+\.out$/.test(f)),
      `batch script and job output: ${slurmFiles.join(', ')}`,
    );
  });

  void test('a sweep whose command died is picked up again: its queued and running tasks are followed, not resubmitted', async () => {
    const orphan = path.join(work, 'orphan.distill.yaml');
    fs.writeFileSync(orphan, tinyConfig({ sweep: SWEEP, epochs: 60 }));
    const child = spawn(process.execPath, [CLI, 'sweep', orphan, '--executor', 'slurm', '--json'], {
      env: cluster!.env,
      cwd: work,
    });
    // Kill the submitting command outright once a trial trains: it gets no chance to cancel or record anything.
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (parseSweepEvent(line)?.type === 'trial-progress') resolve();
      });
      child.on('close', () => reject(new Error('the sweep ended before any trial trained')));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('close', resolve));
    const sweepDir = path.join(work, 'runs', 'orphan-sweep');
    const orphaned = readIndex(sweepDir);
    const arrayId = orphaned.slurm?.job_id;
    assert.ok(arrayId, 'the array was recorded at submission');
    assert.equal(orphaned.status, 'running');
    const resumed = await runSweep(orphan, { executor: 'slurm', env: cluster!.env });
    assert.equal(resumed.status, 'done');
    for (const trial of resumed.trials) {
      assert.equal(trial.status, 'done', `${trial.id}: ${trial.error ?? ''}`);
      assert.equal(
        trial.job_id,
        `${arrayId}_${trial.index}`,
        `${trial.id} was followed in the original array, not resubmitted`,
      );
      assert.equal(trial.attempts, 1);
    }
    assertConsistent(sweepDir, resumed);
  });

  void test('a cancelled sweep leaves cancelled jobs and consistent run directories', async () => {
    const slow = path.join(work, 'slow.distill.yaml');
    fs.writeFileSync(slow, tinyConfig({ sweep: SWEEP, epochs: 400 }));
    const controller = new AbortController();
    const index = await runSweep(slow, {
      executor: 'slurm',
      env: cluster!.env,
      signal: controller.signal,
      // Cancel once a trainer is really training, so the graceful SIGTERM path runs.
      onEvent: (e) => {
        if (e.type === 'trial-progress' && /epoch/.test(e.message)) controller.abort();
      },
    });
    assert.equal(index.status, 'cancelled');
    assert.deepEqual(
      index.trials.map((t) => t.status),
      ['cancelled', 'cancelled', 'cancelled', 'cancelled'],
    );
    const states = slurm(cluster!, 'squeue', [
      '--noheader',
      '--states=all',
      '--array',
      `--jobs=${index.slurm!.job_id!}`,
      '--format=%i %T',
    ]);
    const lines = states.trim().split('\n');
    assert.ok(
      lines.length >= 1 && lines.every((l) => l.endsWith(' CANCELLED')),
      `every task cancelled in Slurm:\n${states}`,
    );
    const sweepDir = path.join(work, 'runs', 'slow-sweep');
    assertConsistent(sweepDir, readIndex(sweepDir));
    assert.ok(
      index.trials.some((t) => fs.existsSync(path.join(sweepDir, t.run_dir, 'report.json'))),
      'a trial that was running has a cancelled report',
    );
  });

  void test('a trial killed by Slurm is reported failed and re-run alone', async () => {
    const killed = path.join(work, 'killed.distill.yaml');
    fs.writeFileSync(killed, tinyConfig({ sweep: SWEEP, epochs: 40 }));
    let victim: string | undefined;
    const first = await runSweep(killed, {
      executor: 'slurm',
      env: cluster!.env,
      onEvent: (e) => {
        if (victim || e.type !== 'trial-progress' || e.id !== 'trial-001' || !/epoch/.test(e.message)) return;
        victim = readIndex(path.join(work, 'runs', 'killed-sweep')).trials[1]!.job_id;
        slurm(cluster!, 'scancel', [victim!]);
      },
    });
    assert.ok(victim, 'trial-001 ran and was scancelled');
    assert.equal(first.status, 'failed');
    const failed = first.trials[1]!;
    assert.equal(failed.status, 'failed');
    assert.match(failed.error ?? '', /cancelled in Slurm/);
    assert.deepEqual(
      first.trials.filter((t) => t.id !== 'trial-001').map((t) => t.status),
      ['done', 'done', 'done'],
    );

    const retried = await runSweep(killed, { executor: 'slurm', env: cluster!.env, retry: 'trial-001' });
    assert.equal(retried.status, 'done');
    assert.equal(retried.trials[1]!.status, 'done');
    assert.equal(retried.trials[1]!.attempts, 2);
    assert.notEqual(retried.trials[1]!.job_id, victim, 'the retry is a new job');
    for (const i of [0, 2, 3]) assert.deepEqual(retried.trials[i], first.trials[i], 'the other trials are untouched');
    const sweepDir = path.join(work, 'runs', 'killed-sweep');
    assert.ok(
      fs.existsSync(path.join(sweepDir, 'attempts', 'trial-001', 'attempt-1', 'events.jsonl')),
      'the killed attempt is kept',
    );
    assertConsistent(sweepDir, retried);
  });
});
