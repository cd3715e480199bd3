/**
 * How the trainer child process is started: which executable, which arguments, which environment. Pure (no
 * `vscode` import) so the rules are unit-tested without an editor.
 */
import * as path from 'node:path';
import { type ChildLaunch, nodeChildLaunch, type NodeRuntime } from '../child-launch';
import type { BackendPreference } from '../settings';

export interface TrainerLaunchRequest extends NodeRuntime {
  /** Folder of the installed extension (holds dist/trainer.js). */
  readonly extensionPath: string;
  readonly configPath: string;
  readonly runDir: string;
  readonly seed?: number;
  readonly backend: BackendPreference;
}

export type TrainerLaunch = ChildLaunch;

export function trainerScriptPath(extensionPath: string): string {
  return path.join(extensionPath, 'dist', 'trainer.js');
}

export function buildTrainerLaunch(request: TrainerLaunchRequest): TrainerLaunch {
  const args = [trainerScriptPath(request.extensionPath), request.configPath, '--run-dir', request.runDir, '--json'];
  if (request.seed !== undefined) args.push('--seed', String(request.seed));
  return nodeChildLaunch(request, request.configPath, args, { DISTILLERY_BACKEND: request.backend });
}
