/**
 * One weight tensor of the student as ONNX initializers, in the run's storage:
 * - float32: a FLOAT initializer;
 * - float16: a FLOAT16 initializer and a Cast to float;
 * - int8 / int4 kernels: INT8 integers, a Cast to float and a Mul by one scale per output channel (held in the
 *   shape that broadcasts over the kernel: [out] for a Gemm kernel, [out, 1, 1, 1] for a Conv kernel), the very
 *   integers and scales the run evaluated, so the file computes q * scale as the run did. Not DequantizeLinear:
 *   onnxruntime keeps DequantizeLinear out of constant folding (for its QDQ fusions), so it dequantized every
 *   weight on every call (5x slower than float at batch 1) and its default optimisations fused it with Gemm into
 *   a lossy integer kernel; Cast + Mul of initializers is folded into a float weight when the session loads.
 *   int4 values (-7..7) are held one per byte: INT4 initializers need opset 21, which few runtimes accept yet.
 * Biases and normalisation parameters stay float32 under int8/int4, as in the run.
 */
import { floatTensor, node, OnnxType, tensorOf } from '../../core/onnx/encode';
import type { onnx } from '../../core/onnx/onnx-proto';
import { type QuantDtype, quantizeTensor } from '../compress/quantize';

export interface OnnxWeight {
  /** Name of the float value the graph reads. */
  readonly value: string;
  readonly nodes: onnx.INodeProto[];
  readonly initializers: onnx.ITensorProto[];
}

/** Reorders a row-major tensor of `shape` by `permutation` (ONNX Transpose semantics). */
export function transposed<T extends Float32Array | Int8Array | Uint16Array>(
  values: T,
  shape: readonly number[],
  permutation: readonly number[],
): T {
  const rank = shape.length;
  const outShape = permutation.map((p) => shape[p]!);
  const inStrides = new Array<number>(rank).fill(1);
  for (let d = rank - 2; d >= 0; d--) inStrides[d] = inStrides[d + 1]! * shape[d + 1]!;
  const out = new (values.constructor as new (n: number) => T)(values.length);
  const index = new Array<number>(rank).fill(0);
  for (let o = 0; o < values.length; o++) {
    let source = 0;
    for (let d = 0; d < rank; d++) source += index[d]! * inStrides[permutation[d]!]!;
    out[o] = values[source]!;
    for (let d = rank - 1; d >= 0; d--) {
      if (++index[d]! < outShape[d]!) break;
      index[d] = 0;
    }
  }
  return out;
}

export interface WeightSpec {
  readonly name: string;
  readonly values: Float32Array;
  /** Shape in TF.js layout (kernels: output channels last). */
  readonly shape: readonly number[];
  /** TF.js layout -> ONNX layout (identity when absent). */
  readonly permutation?: readonly number[];
  readonly isKernel: boolean;
}

export function onnxWeight(spec: WeightSpec, dtype: QuantDtype | undefined): OnnxWeight {
  const permutation = spec.permutation ?? spec.shape.map((_, i) => i);
  const dims = permutation.map((p) => spec.shape[p]!);
  const reorder = <T extends Float32Array | Int8Array | Uint16Array>(v: T): T =>
    spec.permutation ? transposed(v, spec.shape, permutation) : v;
  const quantized = dtype ? quantizeTensor(spec.name, spec.shape, spec.values, dtype, spec.isKernel) : undefined;
  if (!quantized || quantized.dtype === 'float32')
    return { value: spec.name, nodes: [], initializers: [floatTensor(spec.name, dims, reorder(spec.values))] };
  if (quantized.dtype === 'float16') {
    const halves = new Uint16Array(quantized.bytes.buffer, quantized.bytes.byteOffset, spec.values.length);
    const stored = `${spec.name}_float16`;
    return {
      value: spec.name,
      nodes: [node('Cast', [stored], [spec.name], { to: OnnxType.FLOAT })],
      initializers: [tensorOf(stored, dims, reorder(Uint16Array.from(halves)), OnnxType.FLOAT16)],
    };
  }
  const integers =
    quantized.dtype === 'int8'
      ? new Int8Array(quantized.bytes.buffer, quantized.bytes.byteOffset, spec.values.length)
      : Int8Array.from(
          { length: spec.values.length },
          (_, i) => ((quantized.bytes[i >> 1]! >> ((i & 1) * 4)) & 0xf) - 8,
        );
  const scales = Float32Array.from(quantized.scales ?? []);
  // Output channels are the last TF.js axis; the scales take its place in the ONNX layout, with size-1 axes
  // after it so that Mul broadcasts them over the kernel (leading axes broadcast without being named).
  const axis = permutation.indexOf(spec.shape.length - 1);
  const scaleDims = dims.slice(axis).map((d, i) => (i === 0 ? d : 1));
  const [stored, asFloat, scale] = [`${spec.name}_int8`, `${spec.name}_int8_float`, `${spec.name}_scale`];
  return {
    value: spec.name,
    nodes: [node('Cast', [stored], [asFloat], { to: OnnxType.FLOAT }), node('Mul', [asFloat, scale], [spec.name])],
    initializers: [
      tensorOf(stored, dims, reorder(Int8Array.from(integers)), OnnxType.INT8),
      floatTensor(scale, scaleDims, scales),
    ],
  };
}
