/**
 * Latency of shipped TF.js files (report.json `shipped_latency`): each file loaded with tf.loadLayersModel as a
 * user would, untimed warm-up calls, then timed calls at batch 1 and batched, the models taking turns call by
 * call so that a machine busy with something else slows them alike; the median per model. Dense and conv
 * forward passes use TF.js's own kernels (Distillery's wasm kernels only replace transposed matrix products
 * and a gradient, which inference does not call).
 */
import * as tf from '@tensorflow/tfjs';
import {
  compareSteps,
  type ShippedLatency,
  type ShippedModelLatency,
  type ShippedRole,
} from '../../core/protocol/shipped-latency';
import { layersModelFrom, readModelFiles } from '../model/model-files';
import { batchRows, medianOf, quantile } from './latency';

export const SHIPPED_WARMUP = 5;
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

interface Timing {
  readonly median: number;
  readonly iqr: number;
}

/** Per model, the median time per call of `input` and its spread, the models taking turns call by call. */
function interleavedTimes(models: readonly tf.LayersModel[], input: tf.Tensor, repetitions: number): Timing[] {
  for (let i = 0; i < SHIPPED_WARMUP; i++) for (const model of models) timeCall(model, input);
  const times = models.map((): number[] => []);
  for (let i = 0; i < repetitions; i++) models.forEach((model, m) => times[m]!.push(timeCall(model, input)));
  return times.map((t) => ({ median: medianOf(t), iqr: quantile(t, 0.75) - quantile(t, 0.25) }));
}

export async function measureShippedFiles(
  files: readonly ShippedFile[],
  input: LatencyInput,
  repetitions: number = SHIPPED_REPETITIONS,
): Promise<ShippedLatency> {
  const loaded: { file: ShippedFile; model: tf.LayersModel; bytes: number }[] = [];
  const width = input.inputShape.reduce((a, b) => a * b, 1);
  const { batch, rows } = batchRows(input.sample, width, input.batchSize);
  const one = tf.tensor(input.sample.subarray(0, width), [1, ...input.inputShape]);
  const many = tf.tensor(rows, [batch, ...input.inputShape]);
  try {
    for (const file of files) {
      const read = readModelFiles(file.path, file.shown);
      const bytes = Buffer.byteLength(read.text) + read.fileSizes.reduce((a, b) => a + b, 0);
      loaded.push({ file, model: (await layersModelFrom(read, file.shown)).model, bytes });
    }
    const models = loaded.map((l) => l.model);
    const batch1 = interleavedTimes(models, one, repetitions);
    const batched = interleavedTimes(models, many, repetitions);
    const measured: ShippedModelLatency[] = [];
    loaded.forEach(({ file, bytes }, i) => {
      const model = {
        role: file.role,
        file: file.shown,
        bytes,
        batch1_ms: batch1[i]!.median,
        batched_ms: batched[i]!.median / batch,
        batch1_iqr_ms: batch1[i]!.iqr,
        batched_iqr_ms: batched[i]!.iqr / batch,
      };
      measured.push(compareSteps(model, measured[i - 1]));
    });
    return {
      runtime: `@tensorflow/tfjs ${tf.version.tfjs}`,
      backend: tf.getBackend(),
      warmup: SHIPPED_WARMUP,
      repetitions,
      batch_size: batch,
      models: measured,
    };
  } finally {
    for (const { model } of loaded) model.dispose();
    one.dispose();
    many.dispose();
  }
}
