/**
 * Fake quantization for quantization-aware training (Jacob et al. 2018; the straight-through estimator of
 * Bengio et al. 2013), with shadow weights: the model's variables always hold the quantized values (the very
 * values post-training quantization of the float weights gives, per-channel scales included), so every forward
 * pass, loss and validation of the training loop sees the quantized model; the float weights live in `float`.
 * After each optimizer step the step's update (computed at the quantized weights) is moved onto the float
 * weights and the model's weights are re-quantized from them: the rounding's gradient is taken as the identity.
 * Weights that are exactly zero at the start (pruned) stay zero, as pruning's masks hold them.
 */
import * as tf from '@tensorflow/tfjs';
import type { QuantDtype } from './quantize';
import { isQuantizedWeight, quantizeValues } from './quantize-model';

export interface FakeQuantization {
  /** The float weights, one per quantized model weight: the loop checkpoints and restores them with the model. */
  readonly float: readonly tf.Variable[];
  /** Call after every optimizer step. */
  afterStep(): void;
  /** Puts the float weights into the model: its post-training quantization is then the fine-tuned quantized model. */
  restoreFloat(): void;
  dispose(): void;
}

interface Target {
  readonly name: string;
  readonly shape: readonly number[];
  readonly variable: tf.Variable;
  readonly float: tf.Variable;
  /** 0 where the weight was pruned (exactly zero at the start), else 1; absent when nothing was pruned. */
  readonly keep?: Uint8Array;
}

export function fakeQuantize(model: tf.LayersModel, dtype: QuantDtype): FakeQuantization {
  const targets: Target[] = model.weights
    .filter((w) => isQuantizedWeight(w.originalName, dtype))
    .map((w) => {
      const variable = w.read() as tf.Variable;
      const values = variable.dataSync() as Float32Array;
      const keep = values.some((v) => v === 0) ? Uint8Array.from(values, (v) => (v === 0 ? 0 : 1)) : undefined;
      return {
        name: w.originalName,
        shape: w.shape as number[],
        variable,
        float: tf.variable(variable.clone(), false),
        ...(keep ? { keep } : {}),
      };
    });
  const quantized = (t: Target, values: Float32Array): Float32Array =>
    quantizeValues(t.name, t.shape, values, dtype).dequantized;
  const requantize = (t: Target, values: Float32Array): void => {
    t.variable.assign(tf.tensor(quantized(t, values), [...t.shape]));
  };
  targets.forEach((t) => requantize(t, t.float.dataSync() as Float32Array));
  return {
    float: targets.map((t) => t.float),
    afterStep: () =>
      tf.tidy(() => {
        for (const t of targets) {
          const floats = t.float.dataSync() as Float32Array;
          // What the variable held before the step (recomputed, not cached: a resume restores `float`).
          const before = quantized(t, floats);
          const after = t.variable.dataSync() as Float32Array;
          const updated = Float32Array.from(floats, (f, i) => (t.keep && !t.keep[i] ? 0 : f + after[i]! - before[i]!));
          t.float.assign(tf.tensor(updated, [...t.shape]));
          requantize(t, updated);
        }
      }),
    restoreFloat: () => targets.forEach((t) => t.variable.assign(t.float)),
    dispose: () => targets.forEach((t) => t.float.dispose()),
  };
}
