/**
 * A model's weights through the post-training quantizer (quantize.ts), in `model.weights` order: the one place
 * that says which weights a dtype quantizes (int8/int4: dense and conv kernels; float16: every weight), used by
 * post-training quantization and by quantization-aware training, so both produce the weights the export stores.
 */
import type * as tf from '@tensorflow/tfjs';
import { type QuantDtype, type QuantizedTensor, quantizeTensor } from './quantize';

/** Kernels are quantized per output channel; biases and normalisation parameters stay float32 under int8/int4. */
export const isQuantizedKernel = (weightName: string): boolean => /kernel$/.test(weightName);

/** Whether `dtype` changes this weight at all (false: it stays float32). */
export const isQuantizedWeight = (weightName: string, dtype: QuantDtype): boolean =>
  dtype === 'float16' || isQuantizedKernel(weightName);

export function quantizeValues(
  weightName: string,
  shape: readonly number[],
  values: Float32Array,
  dtype: QuantDtype,
): QuantizedTensor {
  return quantizeTensor(weightName, shape, values, dtype, isQuantizedKernel(weightName));
}

export function quantizeModelWeights(model: tf.LayersModel, dtype: QuantDtype): QuantizedTensor[] {
  return model.weights.map((w) =>
    quantizeValues(w.originalName, w.shape as number[], w.read().dataSync() as Float32Array, dtype),
  );
}
