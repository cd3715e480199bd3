/**
 * The final student as a TF.js Layers model that stock `tf.loadLayersModel` opens: model.json + weights.bin,
 * with quantized weights in the converter's manifest format. Mapping of the run's quantization:
 * - float16: every weight as `{ dtype: 'float16' }` (the same values the run evaluated);
 * - int8 and int4 (symmetric, per output channel in the run): the converter has neither per-channel scales
 *   nor 4-bit storage, so each kernel's run-quantized values (the per-channel integers times their scales,
 *   as the run evaluated them and the ONNX export stores them) are stored as uint8 with one affine scale per
 *   tensor (zero exactly representable); biases and normalisation stay float32, as in the run. Encoding the
 *   quantized values, not the float ones, keeps what quantization-aware training learned. The file is still
 *   a slightly different model from the run's (a second rounding, at most half a uint8 step): its accuracy
 *   and its agreement with the in-process model are measured on the file and reported with the export.
 */
import * as tf from '@tensorflow/tfjs';
import type { QuantDtype } from '../compress/quantize';
import { quantizeTensor } from '../compress/quantize';
import { isQuantizedKernel, quantizeValues } from '../compress/quantize-model';
import { affineQuantize } from './converter-quantization';

export const TFJS_WEIGHTS_FILE = 'weights.bin';

/** model.json as the TF.js converter writes it for a Layers model. */
export interface LayersModelJson {
  readonly format: 'layers-model';
  readonly generatedBy: string;
  readonly modelTopology: object;
  readonly weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

export interface TfjsArtifacts {
  readonly modelJson: LayersModelJson;
  readonly weights: Uint8Array;
  /** How the kernels are stored, e.g. 'uint8' (what the report's export entry calls its dtype). */
  readonly storage: 'float32' | 'float16' | 'uint8';
}

interface Encoded {
  readonly spec: tf.io.WeightsManifestEntry;
  readonly bytes: Uint8Array;
}

function encodeWeight(spec: tf.io.WeightsManifestEntry, values: Float32Array, dtype: QuantDtype | undefined): Encoded {
  const plain: Encoded = { spec, bytes: new Uint8Array(values.buffer, values.byteOffset, values.byteLength) };
  if (!dtype || spec.dtype !== 'float32') return plain;
  if (dtype === 'float16') {
    const half = quantizeTensor(spec.name, spec.shape, values, 'float16', false);
    return { spec: { ...spec, quantization: { dtype: 'float16' } }, bytes: half.bytes };
  }
  if (!isQuantizedKernel(spec.name)) return plain;
  const q = affineQuantize(quantizeValues(spec.name, spec.shape, values, dtype).dequantized, 'uint8');
  return { spec: { ...spec, quantization: { dtype: q.dtype, scale: q.scale, min: q.min } }, bytes: q.bytes };
}

/** model.json + weights of `model` (float weights), kernels stored as `dtype` maps onto the converter's format. */
export async function tfjsArtifacts(model: tf.LayersModel, dtype: QuantDtype | undefined): Promise<TfjsArtifacts> {
  let captured: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!captured?.weightSpecs || !captured.weightData) throw new Error('TF.js returned no weights for the student.');
  const data = captured.weightData;
  const buffer = Array.isArray(data) ? new Uint8Array(await new Blob(data).arrayBuffer()).buffer : data;
  let offset = 0;
  const encoded = captured.weightSpecs.map((spec) => {
    const count = spec.shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(buffer.slice(offset, offset + count * 4));
    offset += count * 4;
    return encodeWeight(spec, values, dtype);
  });
  const weights = new Uint8Array(encoded.reduce((n, e) => n + e.bytes.byteLength, 0));
  let at = 0;
  for (const e of encoded) {
    weights.set(e.bytes, at);
    at += e.bytes.byteLength;
  }
  return {
    modelJson: {
      format: 'layers-model',
      generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers} (Distillery)`,
      modelTopology: captured.modelTopology as object,
      weightsManifest: [{ paths: [TFJS_WEIGHTS_FILE], weights: encoded.map((e) => e.spec) }],
    },
    weights,
    storage: !dtype ? 'float32' : dtype === 'float16' ? 'float16' : 'uint8',
  };
}
