/**
 * How the trainer child process is started: which executable, which arguments, which environment. Pure (no
 * `vscode` import) so the rules are unit-tested without an editor.
 */
import * as path from 'node:path';
import type { BackendPreference } from '../settings';

export interface TrainerLaunchRequest {
  /** Folder of the installed extension (holds dist/trainer.js). */
  readonly extensionPath: string;
  readonly configPath: string;
  readonly runDir: string;
  readonly seed?: number;
  readonly backend: BackendPreference;
  /** The user's Node executable; empty means the editor's own runtime. */
  readonly nodePath: string;
  /** The editor's runtime (process.execPath): Electron's binary in desktop VS Code, node in code-server. */
  readonly hostExecutable: string;
  readonly baseEnv: NodeJS.ProcessEnv;
}

export interface TrainerLaunch {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

export function trainerScriptPath(extensionPath: string): string {
  return path.join(extensionPath, 'dist', 'trainer.js');
}

export function buildTrainerLaunch(request: TrainerLaunchRequest): TrainerLaunch {
  const args = [trainerScriptPath(request.extensionPath), request.configPath, '--run-dir', request.runDir, '--json'];
  if (request.seed !== undefined) args.push('--seed', String(request.seed));
  const env: NodeJS.ProcessEnv = { ...request.baseEnv, DISTILLERY_BACKEND: request.backend };
  const useHost = request.nodePath === '';
  if (useHost) {
    // VS Code's binary is Electron; this variable makes it behave as plain Node (harmless when it already is).
    env.ELECTRON_RUN_AS_NODE = '1';
  } else {
    // A user-chosen Node must not inherit Electron's switch: it means nothing there, but keep the env clean.
    delete env.ELECTRON_RUN_AS_NODE;
  }
  // The extension host's own debugging and inspector flags must not leak into the child.
  delete env.NODE_OPTIONS;
  return {
    command: useHost ? request.hostExecutable : request.nodePath,
    args,
    env,
    cwd: path.dirname(request.configPath),
  };
}
