/**
 * A trial's id and run_dir come from sweep.json, which a user can edit: before the sweep moves, archives or
 * trains in a trial's folder, both must name one plain folder directly inside the sweep directory (as the
 * sweep writes them), and that folder must not be a link leading elsewhere. `run_dir: "../../victim"` would
 * otherwise have the victim's files moved into an attempts folder and a trial trained in their place.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Why the trial's id or run_dir is refused, or undefined when both are plain folders inside `sweepDir`. */
export function trialFolderProblem(
  sweepDir: string,
  trial: { readonly id: unknown; readonly run_dir: unknown },
): string | undefined {
  for (const [key, value] of [
    ['id', trial.id],
    ['run_dir', trial.run_dir],
  ] as const) {
    if (typeof value !== 'string' || !PLAIN_NAME.test(value))
      return `trial ${JSON.stringify(trial.id)} has ${key} ${JSON.stringify(value)}: it must be a plain folder name inside the sweep directory (letters, digits, . _ -)`;
  }
  const folder = path.join(sweepDir, trial.run_dir as string);
  try {
    if (fs.lstatSync(folder).isSymbolicLink())
      return `trial ${JSON.stringify(trial.id)}: ${folder} is a symbolic link; a trial's folder must be inside the sweep directory`;
  } catch {
    // not created yet: fine
  }
  return undefined;
}
