/**
 * The one reader of a sweep directory's sweep.json, used by `distillery sweep` (resuming) and the panel's sweep
 * view: both accept exactly what `checkSweepIndex` accepts. Files are read through the injected adapter;
 * never throws.
 */
import * as path from '../paths/file-path';
import type { ConfigFileSystem } from '../analysis/file-system';
import { checkSweepIndex, type SweepIndex } from '../protocol/sweep';
import { SWEEP_INDEX_FILE } from './layout';
import { readJsonFile } from './read-json-file';

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
  const read = readJsonFile(fs, file);
  switch (read.state) {
    case 'unreadable':
      return { ok: false, missing: false, error: read.reason };
    case 'missing':
      return { ok: false, missing: true, error: `${file} does not exist: is this a sweep directory?` };
    case 'not-json':
      return { ok: false, missing: false, error: `${file} is not valid JSON (it may be mid-write): ${read.reason}` };
    case 'parsed': {
      const problem = checkSweepIndex(read.value);
      return problem
        ? { ok: false, missing: false, error: `${file} is not a Distillery sweep index: ${problem}`, value: read.value }
        : { ok: true, sweep: read.value as SweepIndex };
    }
  }
}
