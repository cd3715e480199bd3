/** Inference over a whole dataset, read and run in batches (dropout off): flat outputs, or each batch's as it comes. */
import * as tf from '@tensorflow/tfjs';
import { type Examples, indexRange, inferenceBatchRows } from '../data/dataset';

/** Runs `model` (any number of outputs) over every row in order, handing `visit` each batch's outputs (flat per output). */
export function predictBatches(
  model: tf.LayersModel,
  x: Examples,
  inputShape: readonly number[],
  visit: (outputs: Float32Array[]) => void,
  batchSize = 256,
): void {
  const rows = inferenceBatchRows(x.width, batchSize);
  for (let start = 0; start < x.count; start += rows) {
    const indices = indexRange(start, Math.min(x.count, start + rows));
    const inputs = x.rows(indices);
    visit(
      tf.tidy(() => {
        const result = model.predict(tf.tensor(inputs, [indices.length, ...inputShape]));
        return (Array.isArray(result) ? result : [result]).map(
          (t) => t.reshape([indices.length, -1]).dataSync() as Float32Array,
        );
      }),
    );
  }
}

/** Runs `model` (any number of outputs) over every row; returns one flat Float32Array per output. */
export function predictAll(
  model: tf.LayersModel,
  x: Examples,
  inputShape: readonly number[],
  batchSize = 256,
): Float32Array[] {
  const parts: Float32Array[][] = [];
  predictBatches(model, x, inputShape, (outputs) => parts.push(outputs), batchSize);
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
