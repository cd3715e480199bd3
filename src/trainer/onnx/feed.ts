/**
 * Turns rows of the data (images channels-last [H, W, C], tabular [features]) into an ONNX teacher's input:
 * normalised with the teacher's own mean/std (per channel or feature) and transposed to channels-first when
 * its layout is NCHW.
 */
import type { InputPlan } from '../../core/onnx/input-plan';

export function feedRows(
  x: Float32Array,
  start: number,
  count: number,
  dataShape: readonly number[],
  plan: InputPlan,
): Float32Array {
  const width = dataShape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(count * width);
  const image = dataShape.length === 3;
  const channels = image ? dataShape[2]! : width;
  const pixels = image ? width / channels : 1;
  const mean = Float32Array.from({ length: channels }, (_, c) => plan.mean[plan.mean.length === 1 ? 0 : c]!);
  const scale = Float32Array.from({ length: channels }, (_, c) => 1 / plan.std[plan.std.length === 1 ? 0 : c]!);
  for (let row = 0; row < count; row++) {
    const from = (start + row) * width;
    const to = row * width;
    for (let p = 0; p < pixels; p++) {
      for (let c = 0; c < channels; c++) {
        const value = (x[from + p * channels + c]! - mean[c]!) * scale[c]!;
        out[to + (plan.channelsFirst ? c * pixels + p : p * channels + c)] = value;
      }
    }
  }
  return out;
}
