/**
 * How the extension starts a Node child (the trainer, the CLI for sweeps): with the user's Node, or with the
 * editor's own runtime acting as Node, and an environment that carries none of the extension host's switches.
 * Pure (no `vscode` import), so the rules are unit-tested without an editor.
 */
import * as path from 'node:path';

/** Which Node runs the child. */
export interface NodeRuntime {
  /** The user's Node executable (`distillery.trainer.nodePath`); empty means the editor's own runtime. */
  readonly nodePath: string;
  /** The editor's runtime (process.execPath): Electron's binary in desktop VS Code, node in code-server. */
  readonly hostExecutable: string;
  readonly baseEnv: NodeJS.ProcessEnv;
}

export interface ChildLaunch {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

export const usesHostRuntime = (runtime: NodeRuntime): boolean => runtime.nodePath === '';

/** Runs `args` (a script and its arguments) in the config's folder, with `extraEnv` on top of the base environment. */
export function nodeChildLaunch(
  runtime: NodeRuntime,
  configPath: string,
  args: readonly string[],
  extraEnv: NodeJS.ProcessEnv = {},
): ChildLaunch {
  const useHost = usesHostRuntime(runtime);
  const env: NodeJS.ProcessEnv = { ...runtime.baseEnv, ...extraEnv };
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
    command: useHost ? runtime.hostExecutable : runtime.nodePath,
    args,
    env,
    cwd: path.dirname(configPath),
  };
}
