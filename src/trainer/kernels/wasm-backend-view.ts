/**
 * The few members of the wasm backend our kernels use. The package does not export the backend's full type
 * in a way kernels outside it can rely on, so kernels see it through this narrow view.
 */
import type { DataType, TensorInfo } from '@tensorflow/tfjs';

export interface WasmBackendView {
  write(values: Float32Array, shape: number[], dtype: DataType): object;
  readSync(dataId: object): ArrayLike<number>;
  disposeData(dataId: object, force?: boolean): boolean;
}

export function asWasmBackend(backend: unknown): WasmBackendView {
  const b = backend as Partial<WasmBackendView> | null;
  if (!b || typeof b.write !== 'function' || typeof b.readSync !== 'function' || typeof b.disposeData !== 'function') {
    throw new Error('Distillery kernel: expected the wasm backend.');
  }
  return b as WasmBackendView;
}

export function tensorInfo(dataId: object, shape: number[], dtype: DataType = 'float32'): TensorInfo {
  return { dataId, shape, dtype };
}
