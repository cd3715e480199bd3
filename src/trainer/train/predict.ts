/** Inference over a whole flat dataset in batches (dropout off), returning flat outputs. */
import * as tf from '@tensorflow/tfjs';
import { gatherRows } from './batches';

/** Runs `model` (any number of outputs) over every row; returns one flat Float32Array per output. */
export function predictAll(
  model: tf.LayersModel,
  x: Float32Array,
  inputShape: readonly number[],
  batchSize = 256,
): Float32Array[] {
  const width = inputShape.reduce((a, b) => a * b, 1);
  const count = x.length / width;
  const parts: Float32Array[][] = [];
  for (let start = 0; start < count; start += batchSize) {
    const indices = Array.from({ length: Math.min(batchSize, count - start) }, (_, i) => start + i);
    const outputs = tf.tidy(() => {
      const result = model.predict(gatherRows(x, inputShape, indices));
      return (Array.isArray(result) ? result : [result]).map(
        (t) => t.reshape([indices.length, -1]).dataSync() as Float32Array,
      );
    });
    parts.push(outputs);
  }
  const outputs = parts[0]?.length ?? 0;
  return Array.from({ length: outputs }, (_, o) => {
    const total = parts.reduce((n, p) => n + p[o]!.length, 0);
    const joined = new Float32Array(total);
    let offset = 0;
    for (const p of parts) {
      joined.set(p[o]!, offset);
      offset += p[o]!.length;
    }
    return joined;
  });
}
