/**
 * wasm's BatchMatMul runs ~10x slower when asked to transpose an operand (every dense layer's backward pass
 * does), measured at 1-1.75 vs 13 GFLOP/s. Transposing the operand explicitly with wasm's own Transpose
 * kernel and then multiplying plainly removes most of that gap. This wraps the shipped kernel through tfjs's
 * kernel registry; results are identical up to float rounding (checked against the cpu backend in tests).
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import { asWasmBackend } from './wasm-backend-view';

function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}

function callKernel(
  kernel: KernelConfig,
  inputs: Record<string, TensorInfo>,
  backend: unknown,
  attrs: NamedAttrMap,
): TensorInfo {
  const result = (kernel.kernelFunc as KernelFunc)({ inputs, backend: backend as never, attrs });
  if (Array.isArray(result)) throw new Error(`Kernel ${kernel.kernelName} returned several outputs; expected one.`);
  return result as TensorInfo;
}

export function makeTransposeFreeMatMul(original: KernelConfig, transpose: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
    const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = attrs as { transposeA?: boolean; transposeB?: boolean };
    if (!transposeA && !transposeB) return callKernel(original, { a, b }, backend, attrs as NamedAttrMap);
    const view = asWasmBackend(backend);
    const aPlain = transposeA ? callKernel(transpose, { x: a }, backend, { perm: swapLastTwo(a.shape.length) }) : a;
    const bPlain = transposeB ? callKernel(transpose, { x: b }, backend, { perm: swapLastTwo(b.shape.length) }) : b;
    try {
      return callKernel(original, { a: aPlain, b: bPlain }, backend, {
        ...(attrs as NamedAttrMap),
        transposeA: false,
        transposeB: false,
      });
    } finally {
      if (aPlain !== a) view.disposeData(aPlain.dataId);
      if (bPlain !== b) view.disposeData(bPlain.dataId);
    }
  };
  return {
    kernelName: tf.BatchMatMul,
    backendName: 'wasm',
    setupFunc: original.setupFunc,
    disposeFunc: original.disposeFunc,
    kernelFunc,
  };
}
