/**
 * The TF.js converter's own weight quantization, which stock `tf.loadLayersModel` decodes: one affine
 * (scale, min) per tensor, value = q * scale + min, q in uint8 (or uint16). As the converter does, the range
 * is widened to hold 0 and min is nudged onto the grid, so zeros (pruned weights) decode to exactly 0.
 */
export interface AffineQuantized {
  readonly dtype: 'uint8' | 'uint16';
  readonly scale: number;
  readonly min: number;
  readonly bytes: Uint8Array;
}

export function affineQuantize(values: Float32Array, dtype: 'uint8' | 'uint16'): AffineQuantized {
  const levels = dtype === 'uint8' ? 255 : 65535;
  let low = 0;
  let high = 0;
  for (const v of values) {
    if (v < low) low = v;
    if (v > high) high = v;
  }
  const scale = high > low ? (high - low) / levels : 1;
  const zeroPoint = Math.round(-low / scale);
  const min = -zeroPoint * scale;
  const integers = dtype === 'uint8' ? new Uint8Array(values.length) : new Uint16Array(values.length);
  values.forEach((v, i) => {
    integers[i] = Math.max(0, Math.min(levels, Math.round((v - min) / scale)));
  });
  return { dtype, scale, min, bytes: new Uint8Array(integers.buffer) };
}

/** What the stock loader computes from the stored form (used in tests to check the decoding matches). */
export function affineDequantize(q: AffineQuantized): Float32Array {
  const integers =
    q.dtype === 'uint8' ? q.bytes : new Uint16Array(q.bytes.buffer, q.bytes.byteOffset, q.bytes.byteLength / 2);
  return Float32Array.from(integers, (v) => v * q.scale + q.min);
}
