/**
 * Wall time of an 8-trial sweep (iris, tiny teacher and student, real training) run three ways, side by side:
 * locally with --parallel 1 (the baseline, measured in the same run), locally with --parallel 2, and as one
 * job array on a single-node Slurm cluster started on loopback for the benchmark (2 CPUs: 2 tasks at once).
 * Prints the median of SWEEP_BENCH_REPEATS runs (default 3) of each and the speed-up over the baseline.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { runSweep, type SweepRunOptions } from '../src/sweep/run-sweep';
import { startCluster, type TestCluster } from '../test/sweep/fixtures/slurm-cluster';
import { tinyConfig } from '../test/sweep/fixtures/configs';
import { fmt, median, printTable } from './stats';

const REPEATS = Number(process.env.SWEEP_BENCH_REPEATS ?? 3);
const SWEEP =
  '  seed: 1\n  parameters:\n    - { path: distillation.temperature, values: [1, 2, 4, 8] }\n    - { path: training.optimizer, choices: [adam, sgd] }';

async function timeSweep(
  config: string,
  work: string,
  label: string,
  options: Omit<SweepRunOptions, 'sweepDir'>,
  repeat: number,
): Promise<number> {
  const start = performance.now();
  const index = await runSweep(config, { ...options, sweepDir: path.join(work, `${label}-${repeat}`) });
  const elapsed = performance.now() - start;
  if (index.status !== 'done' || index.trials.length !== 8)
    throw new Error(`${label}: the sweep ended ${index.status} with ${index.trials.length} trials`);
  return elapsed;
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(__dirname, '..', 'dist', 'trainer.js')))
    throw new Error('dist/trainer.js is missing: run `npm run build`.');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'distillery-sweep-bench-'));
  const config = path.join(work, 'bench.distill.yaml');
  fs.writeFileSync(config, tinyConfig({ sweep: SWEEP, epochs: 10 }));
  let cluster: TestCluster | undefined;
  const times: Record<string, number[]> = {
    'local --parallel 1': [],
    'local --parallel 2': [],
    'slurm job array (2 CPUs)': [],
  };
  try {
    cluster = startCluster();
    for (let repeat = 0; repeat < REPEATS; repeat++) {
      // Interleaved, so a slow moment of the shared machine hits every executor alike.
      times['local --parallel 1']!.push(
        await timeSweep(config, work, 'p1', { executor: 'local', parallel: 1 }, repeat),
      );
      times['local --parallel 2']!.push(
        await timeSweep(config, work, 'p2', { executor: 'local', parallel: 2 }, repeat),
      );
      times['slurm job array (2 CPUs)']!.push(
        await timeSweep(config, work, 'slurm', { executor: 'slurm', env: cluster.env, pollMs: 250 }, repeat),
      );
    }
  } finally {
    cluster?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
  const baseline = median(times['local --parallel 1']!);
  process.stdout.write(
    `8-trial sweep (iris, 10 epochs per model), ${REPEATS} repeat${REPEATS === 1 ? '' : 's'}, ${os.availableParallelism()} cores\n`,
  );
  printTable(
    ['executor', 'median wall', 'min', 'max', 'per trial', 'speed-up vs parallel 1'],
    Object.entries(times).map(([name, ts]) => [
      name,
      fmt(median(ts)),
      fmt(Math.min(...ts)),
      fmt(Math.max(...ts)),
      fmt(median(ts) / 8),
      `${(baseline / median(ts)).toFixed(2)}x`,
    ]),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`sweep bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
