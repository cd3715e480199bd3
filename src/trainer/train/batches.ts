/** Gathers rows of flat typed arrays into batch tensors, in a seeded order per epoch. */
import * as tf from '@tensorflow/tfjs';
import { createRandom, mixSeed, shuffleInPlace } from '../random/prng';

export function epochOrder(count: number, seed: number, epoch: number): number[] {
  return shuffleInPlace(
    Array.from({ length: count }, (_, i) => i),
    createRandom(mixSeed(seed, 0xe90c, epoch)),
  );
}

/**
 * The epoch's example order when an epoch must take `steps` optimizer steps of `batchSize` examples although
 * the data has fewer (the labels-only baseline matching the student's steps): further seeded shuffles of the
 * data are appended until `steps` full batches fit. Without `steps`, or when one pass already suffices, one pass.
 */
export function epochOrderForSteps(
  count: number,
  seed: number,
  epoch: number,
  batchSize: number,
  steps?: number,
): number[] {
  const first = epochOrder(count, seed, epoch);
  if (steps === undefined || steps <= Math.ceil(count / batchSize) || count === 0) return first;
  const order = first;
  for (let pass = 1; order.length < steps * batchSize; pass++)
    order.push(...epochOrder(count, mixSeed(seed, pass), epoch));
  return order.slice(0, steps * batchSize);
}

/** Rows `indices` of a flat [n, width] array as a tensor of shape [indices.length, ...rowShape]. */
export function gatherRows(values: Float32Array, rowShape: readonly number[], indices: readonly number[]): tf.Tensor {
  const width = rowShape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(indices.length * width);
  indices.forEach((row, i) => out.set(values.subarray(row * width, (row + 1) * width), i * width));
  return tf.tensor(out, [indices.length, ...rowShape]);
}

export function gatherInts(values: Int32Array, indices: readonly number[]): tf.Tensor1D {
  return tf.tensor1d(
    Int32Array.from(indices, (i) => values[i]!),
    'int32',
  );
}

export function gatherFloats(values: Float32Array, indices: readonly number[]): tf.Tensor1D {
  return tf.tensor1d(Float32Array.from(indices, (i) => values[i]!));
}
