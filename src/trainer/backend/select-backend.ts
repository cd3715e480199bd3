/**
 * Picks the fastest TensorFlow.js backend that actually starts: tfjs-node (native, optional dependency),
 * else WebAssembly (with our kernel fixes), else pure JS. `tf.setBackend('wasm')` returns false instead of
 * throwing when wasm cannot start, so the result is verified with `tf.getBackend()` before it is reported.
 */
import * as tf from '@tensorflow/tfjs';
import { registerWasmFixes } from '../kernels/register-wasm-fixes';
import { routeConsoleToStderr } from './quiet-stdout';

export type BackendPreference = 'auto' | 'tensorflow' | 'wasm' | 'wasm-plain' | 'cpu';

export interface BackendChoice {
  /** The backend tfjs runs on: `tensorflow` (tfjs-node), `wasm` or `cpu`. */
  readonly name: string;
  /** What was tried and why it was not used, for the run's warnings. */
  readonly notes: readonly string[];
  /** Kernels this engine registered on top of the backend (wasm only). */
  readonly fixes: readonly string[];
}

function tryLoadTfjsNode(notes: string[]): boolean {
  try {
    // Optional dependency: its install downloads libtensorflow and fails offline; absent is normal.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('@tensorflow/tfjs-node');
    return true;
  } catch (error) {
    notes.push(`tfjs-node not available (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
    return false;
  }
}

async function trySet(name: string, notes: string[]): Promise<boolean> {
  try {
    const ok = await tf.setBackend(name);
    await tf.ready();
    if (ok && tf.getBackend() === name) return true;
    notes.push(`backend ${name} did not start (now on ${tf.getBackend()})`);
  } catch (error) {
    notes.push(`backend ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return false;
}

/** Selects and initialises the backend. `DISTILLERY_BACKEND` (or `preference`) forces one, for benchmarks and tests. */
export async function selectBackend(preference: BackendPreference = envPreference()): Promise<BackendChoice> {
  routeConsoleToStderr();
  const notes: string[] = [];
  if (
    (preference === 'auto' || preference === 'tensorflow') &&
    tryLoadTfjsNode(notes) &&
    (await trySet('tensorflow', notes))
  ) {
    return { name: 'tensorflow', notes, fixes: [] };
  }
  if (preference !== 'cpu') {
    await import('@tensorflow/tfjs-backend-wasm');
    if (await trySet('wasm', notes)) {
      const fixes = preference === 'wasm-plain' ? [] : registerWasmFixes();
      return { name: 'wasm', notes, fixes };
    }
  }
  if (await trySet('cpu', notes)) return { name: 'cpu', notes, fixes: [] };
  throw new Error(`No TensorFlow.js backend could start: ${notes.join('; ')}`);
}

function envPreference(): BackendPreference {
  const value = process.env.DISTILLERY_BACKEND;
  return value === 'tensorflow' || value === 'wasm' || value === 'wasm-plain' || value === 'cpu' ? value : 'auto';
}
