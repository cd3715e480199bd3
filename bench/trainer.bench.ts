/**
 * Trainer benchmark.
 * 1. Plain matmul GFLOP/s per backend (the machine's limit for dense training), measured in this run.
 * 2. Training samples/s (batch 128, Adam) for MLP 784-512-256-10 and a small CNN on real MNIST, per backend:
 *    cpu, wasm as shipped, wasm + Distillery's kernel fixes; each backend in its own child process (the fixes
 *    live in tfjs's global kernel registry), plus two trainings at once in two processes (both cores).
 * (Consistent teaching's throughput: `npm run bench -- consistent-teaching`; distillation results on the examples:
 * `npm run examples:table`.)
 */
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import type { BackendPreference } from '../src/trainer/backend/select-backend';
import { selectBackend } from '../src/trainer/backend/select-backend';
import { loadBundled } from '../src/trainer/data/bundled';
import { maskedCrossEntropy } from '../src/trainer/distill/kd-loss';
import { buildModel } from '../src/trainer/model/build-model';
import { gatherInts, gatherRows } from '../src/trainer/train/batches';
import { median, printTable } from './stats';
import { indexRange } from '../src/trainer/data/dataset';

const MLP = [
  { type: 'dense' as const, units: 512, activation: 'relu' as const, use_bias: true },
  { type: 'dense' as const, units: 256, activation: 'relu' as const, use_bias: true },
  { type: 'dense' as const, units: 10, activation: 'linear' as const, use_bias: true },
];
const CNN = [
  {
    type: 'conv2d' as const,
    filters: 16,
    kernel_size: 3,
    strides: 1,
    padding: 'valid' as const,
    activation: 'relu' as const,
  },
  { type: 'max_pooling2d' as const, pool_size: 2 },
  {
    type: 'conv2d' as const,
    filters: 32,
    kernel_size: 3,
    strides: 1,
    padding: 'valid' as const,
    activation: 'relu' as const,
  },
  { type: 'max_pooling2d' as const, pool_size: 2 },
  { type: 'dense' as const, units: 64, activation: 'relu' as const, use_bias: true },
  { type: 'dense' as const, units: 10, activation: 'linear' as const, use_bias: true },
];

interface ChildResult {
  backend: string;
  matmul?: Rate;
  matmulTransposed?: Rate;
  mlp?: Rate | string;
  cnn?: Rate | string;
}

/** The MLP's first layer as one matmul: [128 x 784] x [784 x 512], plain or with the left operand transposed. */
function matmulGflops(transposed: boolean): Rate {
  const a = tf.randomNormal(transposed ? [784, 128] : [128, 784]);
  const b = tf.randomNormal([784, 512]);
  const times: number[] = [];
  for (let i = 0; i < 23; i++) {
    const started = performance.now();
    tf.tidy(() => tf.matMul(a, b, transposed, false).dataSync());
    if (i >= 3) times.push(performance.now() - started);
  }
  a.dispose();
  b.dispose();
  const flops = 2 * 128 * 784 * 512;
  return { median: flops / (median(times) / 1000) / 1e9, best: flops / (Math.min(...times) / 1000) / 1e9 };
}

interface Rate {
  readonly median: number;
  readonly best: number;
}

/** Samples/s of the engine's training step (Adam, cross-entropy), median over batches within a time budget. */
function trainingThroughput(
  layers: typeof MLP | typeof CNN,
  x: Float32Array,
  y: Int32Array,
  budgetMs: number,
): Rate | string {
  const model = buildModel(layers, [28, 28, 1], 10, 1, 'bench');
  const optimizer = tf.train.adam(0.001);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const batch = 128;
  const count = y.length;
  const times: number[] = [];
  const started = performance.now();
  try {
    for (let step = 0; (performance.now() - started < budgetMs || times.length < 2) && times.length < 40; step++) {
      const indices = Array.from({ length: batch }, (_, i) => (step * batch + i) % count);
      const t0 = performance.now();
      tf.tidy(() => {
        const input = gatherRows(x, [28, 28, 1], indices);
        const labels = gatherInts(y, indices);
        optimizer.minimize(
          () => maskedCrossEntropy(model.apply(input, { training: true }) as tf.Tensor2D, labels),
          false,
          variables,
        );
      });
      if (step > 0) times.push(performance.now() - t0); // the first step includes kernel setup
    }
  } catch (error) {
    return `fails (${error instanceof Error ? error.message.split('\n')[0]!.slice(0, 60) : String(error)})`;
  } finally {
    optimizer.dispose();
    model.dispose();
  }
  return { median: batch / (median(times) / 1000), best: batch / (Math.min(...times) / 1000) };
}

async function child(preference: BackendPreference, only?: 'mlp'): Promise<void> {
  const choice = await selectBackend(preference);
  const mnist = loadBundled('mnist');
  const x = mnist.x.rows(indexRange(0, 2048));
  const y = mnist.y.subarray(0, 2048);
  const result: ChildResult = {
    backend: `${choice.name}${preference === 'wasm-plain' ? ' (as shipped)' : choice.fixes.length ? ' + fixes' : ''}`,
  };
  // Loading MNIST leaves tens of MB of parsed JSON for the collector: collect now, not during the timings.
  (globalThis as { gc?: () => void }).gc?.();
  if (!only) {
    result.matmul = matmulGflops(false);
    result.matmulTransposed = matmulGflops(true);
  }
  result.mlp = trainingThroughput(MLP, x, y, preference === 'cpu' ? 8000 : 6000);
  if (!only) result.cnn = trainingThroughput(CNN, x, y, preference === 'cpu' ? 8000 : 6000);
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

function runChild(preference: BackendPreference, only?: 'mlp'): ChildResult {
  const out = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--expose-gc', __filename, '--child', preference, ...(only ? [only] : [])],
    { encoding: 'utf8', timeout: 300_000 },
  );
  const line = out.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`benchmark child (${preference}) failed: ${out.stderr.slice(-500)}`);
  return JSON.parse(line.slice(7)) as ChildResult;
}

/** Two MLP trainings in two processes at once: does the second core add throughput? */
async function twoProcesses(): Promise<number> {
  const { spawn } = await import('node:child_process');
  const runs = [0, 1].map(
    () =>
      new Promise<ChildResult>((resolve, reject) => {
        const p = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', __filename, '--child', 'wasm', 'mlp'], {
          stdio: ['ignore', 'pipe', 'ignore'],
        });
        let text = '';
        p.stdout.on('data', (c: Buffer) => {
          text += c.toString();
        });
        p.on('close', () => {
          const line = text.split('\n').find((l) => l.startsWith('RESULT '));
          if (line) resolve(JSON.parse(line.slice(7)) as ChildResult);
          else reject(new Error('parallel child failed'));
        });
      }),
  );
  const results = await Promise.all(runs);
  return results.reduce((sum, r) => sum + (typeof r.mlp === 'object' ? r.mlp.median : 0), 0);
}

/** Median (and best, which approximates an unloaded machine: other processes share these cores). */
const fmtRate = (v: Rate | string | undefined, digits = 0): string =>
  typeof v === 'object' ? `${v.median.toFixed(digits)} (best ${v.best.toFixed(digits)})` : (v ?? '-');

async function main(): Promise<void> {
  if (process.argv[2] === '--child') {
    await child(process.argv[3] as BackendPreference, process.argv[4] === 'mlp' ? 'mlp' : undefined);
    return;
  }
  process.stdout.write(
    `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}\n\n`,
  );
  const results = (['cpu', 'wasm-plain', 'wasm'] as const).map((b) => runChild(b));
  printTable(
    ['backend', 'matmul 128x784x512 GFLOP/s', 'transposed-A GFLOP/s', 'MLP 784-512-256-10 samples/s', 'CNN samples/s'],
    results.map((r) => [
      r.backend,
      fmtRate(r.matmul, 2),
      fmtRate(r.matmulTransposed, 2),
      fmtRate(r.mlp),
      fmtRate(r.cnn),
    ]),
  );
  const single = results[2]!.mlp;
  const both = await twoProcesses();
  // Forward, weight gradient and input gradient per layer; the first layer needs no input gradient.
  const mlpFlops = 2 * (784 * 512 * 2 + (512 * 256 + 256 * 10) * 3);
  const work = (rate: number): string => ((rate * mlpFlops) / 1e9).toFixed(2);
  if (typeof single === 'object') {
    process.stdout.write(
      `\nMLP training does ${work(single.median)} GFLOP/s of matmul work (best ${work(single.best)}); plain matmul on the first layer's shape, one isolated call at a time: ${fmtRate(results[2]!.matmul, 2)}.\n`,
    );
    process.stdout.write(
      `Two MLP trainings in two processes at once: ${both.toFixed(0)} samples/s together vs ${single.median.toFixed(0)} for one (${(both / single.median).toFixed(2)}x; other load on the machine decides how much a second core adds).\n\n`,
    );
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
