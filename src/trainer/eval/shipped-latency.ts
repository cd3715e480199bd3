/**
 * Latency of shipped TF.js files (report.json `shipped_latency`): each file loaded with tf.loadLayersModel as a
 * user would, untimed warm-up calls, then timed calls at batch 1 and batched, the models taking turns call by
 * call so that a machine busy with something else slows them alike; the median per model. The report's numbers
 * are timed in a fresh process that loads only stock TF.js and the backend (measureShippedFiles below), not in the
 * trainer, whose process has Distillery's wasm kernels registered.
 */
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { ExportResult } from '../../core/protocol/report';
import { MODEL_DIRS } from '../../core/runs/layout';
import {
  compareSteps,
  type ShippedLatency,
  type ShippedModelLatency,
  type ShippedRole,
} from '../../core/protocol/shipped-latency';
import { layersModelFrom, readModelFiles } from '../model/model-files';
import { describeFailure } from '../run/errors';
import { batchRows, medianOf, quantile } from './latency';
import { type CleanProcessOptions, isStockBackend, timeInCleanProcess } from './shipped-latency-process';

/**
 * Warm-up until the times settle: rounds of WARMUP_ROUND untimed calls per model at batch 1 and batched
 * (interleaved), until no model's median at either batch size fell by more than WARMUP_SETTLED from the round
 * before, at most WARMUP_MAX_CALLS calls or WARMUP_MAX_MS. A fresh process needs it: on the demo's MNIST files
 * (wasm), batch-1 medians fell from about 120 µs after 5 calls to 30 µs after some 200, as the JavaScript and
 * WebAssembly code warmed up; a fixed handful of warm-up calls measured a cold process, not the model.
 */
export const WARMUP_ROUND = 25;
export const WARMUP_SETTLED = 0.1;
export const WARMUP_MAX_CALLS = 1000;
export const WARMUP_MAX_MS = 10_000;
export const SHIPPED_REPETITIONS = 25;

export interface ShippedFile {
  readonly role: ShippedRole;
  /** The model.json as the report names it (relative to the run directory) and its path on disk. */
  readonly shown: string;
  readonly path: string;
}

export interface LatencyInput {
  /** Example rows (flat) the calls are made on, of `inputShape` each. */
  readonly sample: Float32Array;
  readonly inputShape: readonly number[];
  /** The batched measure's batch size (at most 256, as for every latency a report quotes). */
  readonly batchSize: number;
}

function timeCall(model: tf.LayersModel, input: tf.Tensor): number {
  const started = performance.now();
  tf.tidy(() => {
    (model.predict(input) as tf.Tensor).dataSync();
  });
  return performance.now() - started;
}

export interface Timing {
  readonly median: number;
  readonly iqr: number;
}

/** Untimed rounds until the times settle (see WARMUP_ROUND); returns the calls made per model at each batch size. */
function warmUp(models: readonly tf.LayersModel[], inputs: readonly tf.Tensor[]): number {
  const started = performance.now();
  let previous: number[] | undefined;
  let calls = 0;
  while (calls < WARMUP_MAX_CALLS && performance.now() - started < WARMUP_MAX_MS) {
    const times = models.flatMap(() => inputs.map((): number[] => []));
    for (let i = 0; i < WARMUP_ROUND; i++)
      models.forEach((model, m) =>
        inputs.forEach((input, k) => times[m * inputs.length + k]!.push(timeCall(model, input))),
      );
    calls += WARMUP_ROUND;
    const medians = times.map(medianOf);
    const before = previous;
    if (before && medians.every((median, i) => median >= before[i]! * (1 - WARMUP_SETTLED))) break;
    previous = medians;
  }
  return calls;
}

/** Per model, the median time per call of `input` and its spread, the models taking turns call by call. */
function interleavedTimes(models: readonly tf.LayersModel[], input: tf.Tensor, repetitions: number): Timing[] {
  const times = models.map((): number[] => []);
  for (let i = 0; i < repetitions; i++) models.forEach((model, m) => times[m]!.push(timeCall(model, input)));
  return times.map((t) => ({ median: medianOf(t), iqr: quantile(t, 0.75) - quantile(t, 0.25) }));
}

export interface TimedFile {
  /** Bytes of model.json and its weight files. */
  readonly bytes: number;
  /** Median and interquartile range of the time per example, at batch 1 and batched. */
  readonly batch1: Timing;
  readonly batched: Timing;
}

/**
 * Loads each TF.js model.json (`path` on disk, `shown` in messages) and times them all together: warm-up until the
 * times settle, then `repetitions` calls each at batch 1 and batched, the models taking turns. Also what the
 * benchmarks measure. `warmup`: the untimed calls made per model at each batch size.
 */
export async function timeModelFiles(
  files: readonly { readonly path: string; readonly shown: string }[],
  input: LatencyInput,
  repetitions: number = SHIPPED_REPETITIONS,
): Promise<{ batchSize: number; warmup: number; timed: TimedFile[] }> {
  const loaded: { model: tf.LayersModel; bytes: number }[] = [];
  const width = input.inputShape.reduce((a, b) => a * b, 1);
  const { batch, rows } = batchRows(input.sample, width, input.batchSize);
  const one = tf.tensor(input.sample.subarray(0, width), [1, ...input.inputShape]);
  const many = tf.tensor(rows, [batch, ...input.inputShape]);
  try {
    for (const file of files) {
      const read = readModelFiles(file.path, file.shown);
      const bytes = Buffer.byteLength(read.text) + read.fileSizes.reduce((a, b) => a + b, 0);
      loaded.push({ model: (await layersModelFrom(read, file.shown)).model, bytes });
    }
    const models = loaded.map((l) => l.model);
    const warmup = warmUp(models, [one, many]);
    const batch1 = interleavedTimes(models, one, repetitions);
    const batched = interleavedTimes(models, many, repetitions);
    const perExample = (t: Timing): Timing => ({ median: t.median / batch, iqr: t.iqr / batch });
    return {
      batchSize: batch,
      warmup,
      timed: loaded.map(({ bytes }, i) => ({ bytes, batch1: batch1[i]!, batched: perExample(batched[i]!) })),
    };
  } finally {
    for (const { model } of loaded) model.dispose();
    one.dispose();
    many.dispose();
  }
}

/**
 * The report's `shipped_latency` of the steps' files, in step order, each compared with the one before: timed in a
 * fresh process with stock TF.js on this process's backend (eval/shipped-latency-process).
 */
export async function measureShippedFiles(
  files: readonly ShippedFile[],
  input: LatencyInput,
  repetitions: number = SHIPPED_REPETITIONS,
  options: CleanProcessOptions = {},
): Promise<ShippedLatency> {
  const backend = tf.getBackend();
  if (!isStockBackend(backend)) throw new Error(`no stock TF.js backend is named ${backend}`);
  const reply = await timeInCleanProcess(
    {
      backend,
      files: files.map(({ path: file, shown }) => ({ path: file, shown })),
      sample: input.sample,
      inputShape: input.inputShape,
      batchSize: input.batchSize,
      repetitions,
    },
    options,
  );
  const measured: ShippedModelLatency[] = [];
  reply.timed.forEach(({ bytes, batch1, batched }, i) => {
    const model = {
      role: files[i]!.role,
      file: files[i]!.shown,
      bytes,
      batch1_ms: batch1.median,
      batched_ms: batched.median,
      batch1_iqr_ms: batch1.iqr,
      batched_iqr_ms: batched.iqr,
    };
    measured.push(compareSteps(model, measured[i - 1]));
  });
  return {
    runtime: reply.runtime,
    backend: reply.backend,
    process: 'fresh',
    warmup: reply.warmup,
    repetitions,
    batch_size: reply.batchSize,
    models: measured,
  };
}

/**
 * measureShippedFiles, with a failure of the timing process turned into the run's warning: the latency is then
 * absent and every other result is kept (`distillery export RUN_DIR` measures it again).
 */
export async function measureShippedFilesOrWarn(
  files: readonly ShippedFile[],
  input: LatencyInput,
  options: CleanProcessOptions = {},
): Promise<{ latency?: ShippedLatency; warning?: string }> {
  try {
    return { latency: await measureShippedFiles(files, input, SHIPPED_REPETITIONS, options) };
  } catch (error) {
    const failure = describeFailure(error);
    return {
      warning: `Shipped latency not measured: ${failure.error.replace(/\.?$/, '.')}${failure.hint ? ` ${failure.hint}` : ''}`,
    };
  }
}

/**
 * The shipped file of each step, in step order; undefined without a TF.js export. `dirs`: a step's model folder
 * where it is not the run's folder of that role (an accuracy-aware search's chosen point in search/<point>/).
 */
export function shippedFiles(
  steps: readonly ShippedRole[],
  exports: readonly ExportResult[],
  resolve: (file: string) => string,
  dirs: Partial<Record<ShippedRole, string>> = {},
): ShippedFile[] | undefined {
  const tfjs = exports.find((e) => e.format === 'tfjs');
  if (!tfjs) return undefined;
  return steps.map((role, i) => {
    const shown = i === steps.length - 1 ? tfjs.path : path.posix.join(dirs[role] ?? MODEL_DIRS[role], 'model.json');
    return { role, shown, path: resolve(shown) };
  });
}
