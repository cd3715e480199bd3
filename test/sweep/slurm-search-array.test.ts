/**
 * One run's compression search spread over a Slurm job array, on a real single-node Slurm cluster (loopback)
 * with the real trainer on iris: `distillery train --executor slurm --search-tasks 2` runs a first job (up to
 * the trained student), a 2-task array (one pruning group each) and a merge job, and its report equals the
 * local run's (same points, same measures, same choice); an array task cancelled before it starts is
 * recovered by the merge job, which measures that task's points and says so; cancelling the run while the
 * array runs cancels all three submissions.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CompressionSearch } from '../../src/core/protocol/compression-search';
import type { RunReport } from '../../src/core/protocol/report';
import { parseRunEvent, type RunEvent } from '../../src/core/protocol/run-events';
import { defaultTrainerCommand } from '../../src/trainer/trainer-command';
import { trainOnSlurm } from '../../src/slurm/train-on-slurm';
import { tinyConfig } from './fixtures/configs';
import { slurm, startCluster, type TestCluster } from './fixtures/slurm-cluster';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const TARGET =
  'compression:\n  target: { max_accuracy_drop: 1, sparsity: [0, 0.5], structure: [units], dtype: [float32, int8], fine_tune_epochs: 1 }';
const POINTS = ['none-float32', 'none-int8', 'units50-float32', 'units50-int8'];

function readReport(runDir: string): RunReport {
  return JSON.parse(fs.readFileSync(path.join(runDir, 'report.json'), 'utf8')) as RunReport;
}

async function runCli(args: readonly string[], env: NodeJS.ProcessEnv, cwd: string) {
  const child = spawn(process.execPath, [CLI, ...args], { env, cwd });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}

/** What must not depend on where the points were measured (latency is measured, so it varies run to run). */
function searchOutcome(search: CompressionSearch | undefined) {
  assert.ok(search, 'report.compression_search');
  return {
    chosen: search.chosen,
    outcome: search.outcome,
    front: search.front,
    // Exports carry the run id, so the runs compared here have ids of the same length.
    points: search.points.map(({ batch1_ms: _latency, bytes_gzip: _gzip, ...p }) => p),
  };
}

void describe('a compression search spread over a Slurm job array', () => {
  let cluster: TestCluster | undefined;
  let work: string;
  let config: string;
  let local: ReturnType<typeof searchOutcome>;

  before(async () => {
    assert.ok(fs.existsSync(CLI), 'dist/cli.js is missing: run `npm run build`');
    assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'trainer.js')), 'dist/trainer.js is missing: run `npm run build`');
    cluster = startCluster();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'distillery-search-array-'));
    config = path.join(work, 'search.distill.yaml');
    fs.writeFileSync(config, tinyConfig({ extra: TARGET }));
    const localRun = await runCli(
      ['train', config, '--run-dir', path.join(work, 'run-local'), '--json'],
      process.env,
      work,
    );
    assert.equal(localRun.code, 0, `the local run failed:\n${localRun.stderr}`);
    local = searchOutcome(readReport(path.join(work, 'run-local')).compression_search);
    assert.deepEqual(
      local.points.map((p) => p.id),
      POINTS,
    );
  });

  after(() => {
    cluster?.stop();
  });

  void test('distillery train --search-tasks 2 runs job, array and merge, and reports what the local run reports', async () => {
    const runDir = path.join(work, 'run-array');
    const { code, stdout, stderr } = await runCli(
      ['train', config, '--executor', 'slurm', '--search-tasks', '2', '--run-dir', runDir, '--json', '--time', '10'],
      cluster!.env,
      work,
    );
    assert.equal(code, 0, `distillery train --executor slurm failed:\n${stderr}\n${stdout.slice(-2000)}`);
    const events = stdout
      .split('\n')
      .map(parseRunEvent)
      .filter((e): e is RunEvent => e !== undefined);
    const messages = events.flatMap((e) => (e.type === 'phase' && e.phase === 'search' ? [e.message] : []));
    assert.ok(
      messages.includes('The student is trained; the search points go to the Slurm array tasks.'),
      messages.join('\n'),
    );
    for (const task of [0, 1])
      assert.ok(
        messages.some((m) => m.startsWith(`Array task ${task}: Search point`)),
        `array task ${task}'s progress was followed:\n${messages.join('\n')}`,
      );
    assert.ok(
      messages.some((m) => /^Slurm array \d+ \(2 search tasks\): .*running/.test(m)),
      `the array's states were followed:\n${messages.join('\n')}`,
    );
    const starts = events.filter((e) => e.type === 'start');
    assert.deepEqual(
      starts.map((e) => e.type === 'start' && e.resumed),
      [false, true],
      'the first job starts the run, the merge job resumes it',
    );
    assert.equal(events[events.length - 1]?.type, 'done');
    const report = readReport(runDir);
    assert.equal(report.status, 'done', report.error);
    assert.deepEqual(searchOutcome(report.compression_search), local);
    assert.ok(!report.warnings.some((w) => /array tasks left/.test(w)), 'no point was left to the merge job');
    // Each task measured its own group in its own copy and moved it in; the merge removed the copies.
    assert.ok(!fs.existsSync(path.join(runDir, 'search', 'tasks')), 'search/tasks is removed by the merge');
    for (const id of POINTS) assert.ok(fs.existsSync(path.join(runDir, 'search', id, 'point.json')), id);
    const outputs = fs.readdirSync(path.join(runDir, 'slurm'));
    for (const script of ['run.sbatch', 'search.sbatch', 'merge.sbatch'])
      assert.ok(outputs.includes(script), `${script}: ${outputs.join(', ')}`);
    assert.equal(
      outputs.filter((f) => /^\d+_[01]\.out$/.test(f)).length,
      2,
      `one output per task: ${outputs.join(', ')}`,
    );
    assert.ok(fs.existsSync(path.join(runDir, 'export')), 'the chosen point is exported');
  });

  void test('an array task cancelled before it starts is recovered by the merge job', async () => {
    const runDir = path.join(work, 'run-kill1');
    const events: RunEvent[] = [];
    let cancelled: string | undefined;
    const result = await trainOnSlurm(config, {
      runDir,
      env: cluster!.env,
      trainer: defaultTrainerCommand(),
      searchTasks: 2,
      resources: { time: '10' },
      onEvent: (e) => events.push(e),
      // The tasks wait for the first job (afterok), so task 1 is still pending here: it never runs.
      onSearchArray: (jobs) => {
        cancelled = `${jobs.array}_1`;
        slurm(cluster!, 'scancel', [cancelled]);
      },
    });
    assert.ok(cancelled, 'the run was submitted as an array');
    assert.equal(result.status, 'done', result.error);
    assert.equal(result.searchArray?.tasks, 2);
    const report = readReport(runDir);
    const warning = report.warnings.find((w) => /array tasks left/.test(w));
    assert.match(
      warning ?? '',
      /2 point\(s\) unmeasured \(units50-float32, units50-int8\)/,
      report.warnings.join('\n'),
    );
    assert.ok(events.some((e) => e.type === 'warning' && e.code === 'search/array-task-unfinished'));
    assert.deepEqual(searchOutcome(report.compression_search), local);
  });

  void test('cancelling the run cancels the first job, the array and the merge, and seals the run cancelled', async () => {
    const runDir = path.join(work, 'run-stop1');
    const controller = new AbortController();
    const result = await trainOnSlurm(config, {
      runDir,
      env: cluster!.env,
      trainer: defaultTrainerCommand(),
      searchTasks: 2,
      resources: { time: '10' },
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'phase' && e.message.startsWith('Array task 0: Search point')) controller.abort();
      },
    });
    assert.equal(result.status, 'cancelled', result.error);
    assert.equal(readReport(runDir).status, 'cancelled');
    const jobs = result.searchArray!;
    const live = slurm(cluster!, 'squeue', [
      '--noheader',
      '--array',
      '--states=all',
      `--jobs=${jobs.first},${jobs.array},${jobs.merge}`,
      '--format=%i %T',
    ])
      .split('\n')
      .filter((line) => /PENDING|RUNNING|COMPLETING/.test(line));
    assert.deepEqual(live, [], 'no job of the run is left queued or running');
  });
});
