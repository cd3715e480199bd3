/** A sweep directory for the panel: its validated `sweep.json` (core/runs) and its trials. No `vscode` import. */
import * as path from 'node:path';
import { nodeFileSystem } from '../../node/file-system';
import type { SweepIndex } from '../../core/protocol/sweep';
import { readSweepIndex, type SweepIndexRead } from '../../core/runs/read-sweep';

/** Never throws: a missing, half-written or malformed index comes back with its reason. */
export function readSweep(sweepDir: string): SweepIndexRead {
  return readSweepIndex(nodeFileSystem, sweepDir);
}

/** The run directory of a trial sent by the webview, only if the trial is in the index and stays inside the sweep. */
export function trialRunDir(sweepDir: string, sweep: SweepIndex, trialId: string): string | undefined {
  const trial = sweep.trials.find((t) => t.id === trialId);
  if (!trial) return undefined;
  const root = path.resolve(sweepDir);
  const dir = path.resolve(root, trial.run_dir);
  return dir.startsWith(root + path.sep) ? dir : undefined;
}
