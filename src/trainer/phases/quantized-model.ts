/**
 * A quantized copy of a float model and its stored form, shared by post-training and quantization-aware
 * quantization: the copy holds the dequantized weights the evaluation runs on (so the reported accuracy is that
 * of the stored model), and `weights.<dtype>.bin` + `quantization.json` hold the integers and scales.
 */
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { LayerSpec } from '../../core/config/types';
import type { QuantDtype, QuantizedTensor } from '../compress/quantize';
import { quantizeModelWeights } from '../compress/quantize-model';
import { buildModel } from '../model/build-model';
import type { RunContext } from './run-context';

export interface QuantizedModel {
  /** Same layers as the source, weights replaced by their dequantized values. */
  readonly model: tf.LayersModel;
  readonly tensors: readonly QuantizedTensor[];
}

export function quantizedCopy(
  ctx: Pick<RunContext, 'data' | 'baseSeed'>,
  source: tf.LayersModel,
  layers: readonly LayerSpec[],
  dtype: QuantDtype,
  role: string,
): QuantizedModel {
  const model = buildModel(layers, ctx.data.inputShape, ctx.data.classNames.length, ctx.baseSeed, role);
  const tensors = quantizeModelWeights(source, dtype);
  model.setWeights(tensors.map((q) => tf.tensor(q.dequantized, [...q.shape])));
  return { model, tensors };
}

/** Writes `dir/weights.<dtype>.bin` (the stored integers and scales, tensor after tensor) and `dir/quantization.json`. */
export function writeQuantizedFiles(
  ctx: Pick<RunContext, 'files'>,
  dir: string,
  dtype: QuantDtype,
  tensors: readonly QuantizedTensor[],
  extra: Readonly<Record<string, unknown>> = {},
): void {
  const stored = new Uint8Array(tensors.reduce((n, q) => n + q.bytes.byteLength, 0));
  const manifest: object[] = [];
  let offset = 0;
  for (const q of tensors) {
    stored.set(q.bytes, offset);
    manifest.push({
      name: q.name,
      shape: q.shape,
      dtype: q.dtype,
      offset,
      length: q.bytes.byteLength,
      ...(q.scales ? { scales: q.scales } : {}),
    });
    offset += q.bytes.byteLength;
  }
  ctx.files.writeFile(path.join(dir, `weights.${dtype}.bin`), stored);
  ctx.files.writeFile(
    path.join(dir, 'quantization.json'),
    JSON.stringify(
      {
        dtype,
        scheme:
          dtype === 'float16' ? 'float16' : 'symmetric per-channel (last axis) for kernels; other weights float32',
        ...extra,
        tensors: manifest,
      },
      null,
      1,
    ),
  );
}
