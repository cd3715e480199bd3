/** Shared test helpers: a backend for in-process tests, temporary run folders, event collection. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { selectBackend } from '../../src/trainer/backend/select-backend';

export const FIXTURES = path.join(__dirname, 'fixtures');
export const REPO = path.resolve(__dirname, '..', '..');

let backendReady: Promise<string> | undefined;

/** The same backend choice the trainer makes (wasm with the kernel fixes here). */
export function useTrainerBackend(): Promise<string> {
  backendReady ??= selectBackend().then((c) => c.name);
  return backendReady;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `distillery-${prefix}-`));
}

/** Writes `text` as a config file in `dir` (relative paths inside it resolve against `dir`). */
export function writeConfig(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

export function readJsonLines(file: string): Record<string, unknown>[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Largest absolute difference between two float32 weight files of the same layout. */
export function maxFloatDifference(a: Buffer, b: Buffer): number {
  const x = new Float32Array(a.buffer, a.byteOffset, a.length / 4);
  const y = new Float32Array(b.buffer, b.byteOffset, b.length / 4);
  if (x.length !== y.length) return Infinity;
  return x.reduce((worst, v, i) => Math.max(worst, Math.abs(v - y[i]!)), 0);
}
