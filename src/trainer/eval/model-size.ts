/** Parameter counts and stored sizes: raw bytes and gzipped bytes (where pruning's zeros show up). */
import { gzipSync } from 'node:zlib';
import type * as tf from '@tensorflow/tfjs';

export interface ModelSize {
  readonly params: number;
  readonly nonzeroParams: number;
  readonly bytes: number;
  readonly bytesGzip: number;
}

export function countNonzero(model: tf.LayersModel): number {
  let count = 0;
  for (const w of model.weights) {
    const values = w.read().dataSync();
    for (let i = 0; i < values.length; i++) if (values[i] !== 0) count++;
  }
  return count;
}

/** `stored` = every byte written for the weights (for quantized models: the integers and their scales). */
export function sizeOf(model: tf.LayersModel, stored: Uint8Array): ModelSize {
  return {
    params: model.countParams(),
    nonzeroParams: countNonzero(model),
    bytes: stored.byteLength,
    bytesGzip: gzipSync(stored, { level: 9 }).byteLength,
  };
}

/** The model's weights as float32 bytes, in weight order (what weights.bin holds). */
export function weightBytes(model: tf.LayersModel): Uint8Array {
  const arrays = model.weights.map((w) => w.read().dataSync() as Float32Array);
  const out = new Float32Array(arrays.reduce((n, a) => n + a.length, 0));
  let offset = 0;
  for (const a of arrays) {
    out.set(a, offset);
    offset += a.length;
  }
  return new Uint8Array(out.buffer);
}
