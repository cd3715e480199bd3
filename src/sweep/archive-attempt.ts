/**
 * Before a trial runs again (resume after a failure, `--retry`), whatever its previous attempt left is moved
 * to SWEEP_DIR/attempts/TRIAL/attempt-N, so the new run starts from a clean directory and nothing is lost.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Moves everything but `keep` out of the trial's run directory; returns the archive folder, if anything moved. */
export function archiveAttempt(sweepDir: string, trialId: string, keep: string): string | undefined {
  const runDir = path.join(sweepDir, trialId);
  let entries: string[];
  try {
    entries = fs.readdirSync(runDir).filter((name) => name !== keep);
  } catch {
    return undefined;
  }
  if (entries.length === 0) return undefined;
  const base = path.join(sweepDir, 'attempts', trialId);
  fs.mkdirSync(base, { recursive: true });
  let n = 1;
  while (fs.existsSync(path.join(base, `attempt-${n}`))) n++;
  const target = path.join(base, `attempt-${n}`);
  fs.mkdirSync(target);
  for (const name of entries) fs.renameSync(path.join(runDir, name), path.join(target, name));
  return target;
}
