/**
 * Post-training weight quantization. float16: every weight in half precision. int8 / int4: symmetric,
 * per output channel (last axis) for dense and conv kernels, scale = max|w| / (2^(bits-1) - 1); other
 * weights (biases, normalisation) stay float32. Returns the stored form (integers + scales) and the
 * dequantized values the evaluation runs on, so the reported accuracy is that of the stored model.
 */
import { fromFloat16Bits, toFloat16Bits } from './float16';

export type QuantDtype = 'float16' | 'int8' | 'int4';

export interface QuantizedTensor {
  readonly name: string;
  readonly shape: readonly number[];
  /** How this tensor is stored. */
  readonly dtype: 'float16' | 'int8' | 'int4' | 'float32';
  /** Per-channel scales (int8/int4 only), one per entry of the last axis. */
  readonly scales?: readonly number[];
  readonly bytes: Uint8Array;
  readonly dequantized: Float32Array;
}

function quantizeFloat16(values: Float32Array): { bytes: Uint8Array; dequantized: Float32Array } {
  const halves = new Uint16Array(values.length);
  const dequantized = new Float32Array(values.length);
  values.forEach((v, i) => {
    halves[i] = toFloat16Bits(v);
    dequantized[i] = fromFloat16Bits(halves[i]!);
  });
  return { bytes: new Uint8Array(halves.buffer), dequantized };
}

function quantizePerChannel(
  values: Float32Array,
  channels: number,
  bits: 4 | 8,
): { bytes: Uint8Array; scales: number[]; dequantized: Float32Array } {
  const levels = 2 ** (bits - 1) - 1;
  const scales = new Array<number>(channels).fill(0);
  values.forEach((v, i) => {
    const c = i % channels;
    scales[c] = Math.max(scales[c]!, Math.abs(v));
  });
  for (let c = 0; c < channels; c++) scales[c] = scales[c]! > 0 ? scales[c]! / levels : 1;
  const integers = new Int8Array(values.length);
  const dequantized = new Float32Array(values.length);
  values.forEach((v, i) => {
    const scale = scales[i % channels]!;
    const q = Math.max(-levels, Math.min(levels, Math.round(v / scale)));
    integers[i] = q;
    dequantized[i] = q * scale;
  });
  if (bits === 8) return { bytes: new Uint8Array(integers.buffer), scales, dequantized };
  // Two 4-bit values per byte, each stored as q + 8 (0..15).
  const packed = new Uint8Array(Math.ceil(values.length / 2));
  integers.forEach((q, i) => {
    packed[i >> 1]! |= (q + 8) << ((i & 1) * 4);
  });
  return { bytes: packed, scales, dequantized };
}

/** Unpacks stored int8/int4 bytes with their scales (the inverse of the stored form, used in tests and tools). */
export function dequantize(tensor: Pick<QuantizedTensor, 'dtype' | 'bytes' | 'scales' | 'shape'>): Float32Array {
  const count = tensor.shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(count);
  const channels = tensor.shape[tensor.shape.length - 1] ?? 1;
  if (tensor.dtype === 'float32')
    return new Float32Array(tensor.bytes.buffer.slice(tensor.bytes.byteOffset, tensor.bytes.byteOffset + count * 4));
  if (tensor.dtype === 'float16') {
    const halves = new Uint16Array(
      tensor.bytes.buffer.slice(tensor.bytes.byteOffset, tensor.bytes.byteOffset + count * 2),
    );
    halves.forEach((h, i) => {
      out[i] = fromFloat16Bits(h);
    });
    return out;
  }
  const scales = tensor.scales ?? [];
  for (let i = 0; i < count; i++) {
    const q =
      tensor.dtype === 'int8' ? (tensor.bytes[i]! << 24) >> 24 : ((tensor.bytes[i >> 1]! >> ((i & 1) * 4)) & 0xf) - 8;
    out[i] = q * scales[i % channels]!;
  }
  return out;
}

export function quantizeTensor(
  name: string,
  shape: readonly number[],
  values: Float32Array,
  dtype: QuantDtype,
  isKernel: boolean,
): QuantizedTensor {
  if (dtype === 'float16') return { name, shape, dtype, ...quantizeFloat16(values) };
  if (!isKernel)
    return { name, shape, dtype: 'float32', bytes: new Uint8Array(values.slice().buffer), dequantized: values.slice() };
  const channels = shape[shape.length - 1] ?? 1;
  const { bytes, scales, dequantized } = quantizePerChannel(values, channels, dtype === 'int8' ? 8 : 4);
  return { name, shape, dtype, scales, bytes, dequantized };
}
