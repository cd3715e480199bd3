/**
 * The one loader of onnxruntime-node, an optional dependency (its native binaries are large and not on every
 * platform): loaded on first use, and a clear error naming the fix when it is not installed or does not load.
 */
import { createRequire } from 'node:module';
import type * as OnnxRuntimeModule from 'onnxruntime-node';
import { TrainerError } from '../run/errors';

export type OnnxRuntime = typeof OnnxRuntimeModule;

let loaded: OnnxRuntime | undefined;

export function loadOnnxRuntime(): OnnxRuntime {
  if (loaded) return loaded;
  try {
    // createRequire: the bundles keep the package external, and a missing optional package must not break loading.
    loaded = createRequire(__filename)('onnxruntime-node') as OnnxRuntime;
    return loaded;
  } catch (error) {
    throw new TrainerError(
      `onnxruntime-node could not be loaded: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      'Install it next to Distillery: ONNXRUNTIME_NODE_INSTALL=skip npm install onnxruntime-node (the CPU runtime needs no download).',
      'ONNXRUNTIME_MISSING',
    );
  }
}

/** The runtime's package version, e.g. "1.30.0" (for reports). */
export function onnxRuntimeVersion(): string {
  try {
    return (createRequire(__filename)('onnxruntime-node/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
