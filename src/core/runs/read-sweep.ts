/**
 * The one reader of a sweep directory's sweep.json, used by `distillery sweep` (resuming) and the panel's sweep
 * view: both accept exactly what `checkSweepIndex` accepts. Files are read through the injected adapter;
 * never throws.
 */
import * as path from '../paths/file-path';
import type { ConfigFileSystem } from '../analysis/file-system';
import { checkSweepIndex, type SweepIndex } from '../protocol/sweep';
import { SWEEP_INDEX_FILE } from './layout';

export type SweepIndexRead =
  | { readonly ok: true; readonly sweep: SweepIndex }
  | {
      readonly ok: false;
      /** True when the folder has no sweep.json at all; false when it is not a sweep index. */
      readonly missing: boolean;
      readonly error: string;
      /** The parsed JSON when it parsed but is not a sweep index, for callers that check more of it. */
      readonly value?: unknown;
    };

export function readSweepIndex(fs: Pick<ConfigFileSystem, 'readText' | 'readProblem'>, sweepDir: string): SweepIndexRead {
  const file = path.join(sweepDir, SWEEP_INDEX_FILE);
  const text = fs.readText(file);
  // A file that exists but cannot be read (too large, not a regular file, no permission) is not "missing".
  const unreadable = text === undefined ? fs.readProblem?.(file) : undefined;
  if (unreadable !== undefined) return { ok: false, missing: false, error: unreadable };
  if (text === undefined)
    return { ok: false, missing: true, error: `${file} does not exist: is this a sweep directory?` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      missing: false,
      error: `${file} is not valid JSON (it may be mid-write): ${(error as Error).message}`,
    };
  }
  const problem = checkSweepIndex(value);
  return problem
    ? { ok: false, missing: false, error: `${file} is not a Distillery sweep index: ${problem}`, value }
    : { ok: true, sweep: value as SweepIndex };
}
