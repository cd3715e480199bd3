/**
 * Where a config's runs live: the `distillery.runsFolder` setting (relative to the workspace folder holding
 * the config, else to the config's folder) wins, else the config's own `output` key (relative to the config
 * file, default `runs`). Shared by the extension (Start Training, the panel) and the language server (the
 * last-run code lens) so both look in the same place. Pure.
 */
import * as path from '../paths/file-path';
import { DEFAULT_RUNS_FOLDER } from './layout';

export interface RunsRootRequest {
  readonly configPath: string;
  /** The config's `output` key as parsed (already defaulted by the core parser). */
  readonly configOutput: string;
  /** The raw `distillery.runsFolder` setting; empty means "use the config's output". */
  readonly runsFolderSetting: string;
  readonly workspaceFolderPath?: string;
}

export function runsRoot(request: RunsRootRequest): string {
  const setting = request.runsFolderSetting.trim();
  if (setting !== '') {
    const base = request.workspaceFolderPath ?? path.dirname(request.configPath);
    return path.resolve(base, setting);
  }
  return path.resolve(path.dirname(request.configPath), request.configOutput || DEFAULT_RUNS_FOLDER);
}

/** The innermost of `folders` (absolute paths) that contains `file`, as VS Code's getWorkspaceFolder picks it. */
export function containingFolder(folders: readonly string[], file: string): string | undefined {
  let best: string | undefined;
  for (const folder of folders) {
    const relative = path.relative(folder, file);
    const inside = relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
    if (inside && (best === undefined || folder.length > best.length)) best = folder;
  }
  return best;
}
