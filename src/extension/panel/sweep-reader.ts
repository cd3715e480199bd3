/** Reads and validates `sweep.json` of a sweep directory. No `vscode` import. Never throws. */
import * as path from 'node:path';
import type { SweepIndex } from '../../core/protocol/sweep';
import { checkSweepIndex } from '../../core/protocol/webview-messages';
import { readTextFile } from '../../node/file-system';

export type SweepRead =
  { readonly ok: true; readonly sweep: SweepIndex } | { readonly ok: false; readonly error: string };

export function readSweep(sweepDir: string): SweepRead {
  const file = path.join(sweepDir, 'sweep.json');
  let text: string;
  try {
    text = readTextFile(file, 'sweep');
  } catch {
    return { ok: false, error: `${file} does not exist: is this a sweep directory?` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `${file} is not valid JSON (it may be mid-write): ${(error as Error).message}` };
  }
  const problem = checkSweepIndex(value);
  return problem
    ? { ok: false, error: `${file} is not a Distillery sweep index: ${problem}` }
    : { ok: true, sweep: value as SweepIndex };
}

/** The run directory of a trial sent by the webview, only if the trial is in the index and stays inside the sweep. */
export function trialRunDir(sweepDir: string, sweep: SweepIndex, trialId: string): string | undefined {
  const trial = sweep.trials.find((t) => t.id === trialId);
  if (!trial) return undefined;
  const root = path.resolve(sweepDir);
  const dir = path.resolve(root, trial.run_dir);
  return dir.startsWith(root + path.sep) ? dir : undefined;
}
