/** Inference latency per example: median over repeated calls, at batch size 1 and at the training batch size. */
import * as tf from '@tensorflow/tfjs';
import type { Latency } from '../../core/protocol/report';
import { type Examples, indexRange } from '../data/dataset';

/** The middle value (the upper one of an even count); 0 for none. */
export function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The value at share `q` (0-1) of the sorted values (nearest rank); 0 for none. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function timeCalls(model: tf.LayersModel, input: tf.Tensor, repeats: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < repeats + 3; i++) {
    const started = performance.now();
    tf.tidy(() => {
      (model.predict(input) as tf.Tensor).dataSync();
    });
    if (i >= 3) times.push(performance.now() - started);
  }
  return times;
}

/** The rows latency is timed on: the batch measured at `batchSize` (at most 256), read from the split. */
export function latencySample(x: Examples, batchSize: number): Float32Array {
  return x.rows(indexRange(0, Math.max(1, Math.min(x.count, batchSize, 256))));
}

/** The batch size latency is measured at, and that many rows taken (cyclically) from `sample`. */
export function batchRows(
  sample: Float32Array,
  width: number,
  batchSize: number,
): { batch: number; rows: Float32Array } {
  const batch = Math.max(1, Math.min(batchSize, 256));
  const rows = new Float32Array(batch * width);
  const available = Math.max(1, Math.floor(sample.length / width));
  for (let i = 0; i < batch; i++) {
    const row = i % available;
    rows.set(sample.subarray(row * width, (row + 1) * width), i * width);
  }
  return { batch, rows };
}

export function measureLatency(
  model: tf.LayersModel,
  inputShape: readonly number[],
  batchSize: number,
  sample: Float32Array,
): Latency {
  const width = inputShape.reduce((a, b) => a * b, 1);
  const { batch, rows } = batchRows(sample, width, batchSize);
  const one = tf.tensor(sample.subarray(0, width), [1, ...inputShape]);
  const many = tf.tensor(rows, [batch, ...inputShape]);
  try {
    const batch1 = medianOf(timeCalls(model, one, 25));
    const batched = medianOf(timeCalls(model, many, 5)) / batch;
    return { batch1_ms: batch1, batched_ms: batched, batch_size: batch };
  } finally {
    one.dispose();
    many.dispose();
  }
}
