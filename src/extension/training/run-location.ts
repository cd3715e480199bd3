/**
 * Where a new run directory goes: the `distillery.runsFolder` setting (relative to the workspace folder) wins,
 * else the config's own `output` key (relative to the config file, default `runs`). Pure, for unit tests.
 */
import * as path from 'node:path';

export interface RunLocationRequest {
  readonly configPath: string;
  /** The config's `output` key as parsed (already defaulted by the core parser). */
  readonly configOutput: string;
  readonly runsFolderSetting: string;
  readonly workspaceFolderPath?: string;
  readonly now: Date;
}

/** `mnist.distill.yaml` -> `mnist`. */
export function configBaseName(configPath: string): string {
  return path.basename(configPath).replace(/\.distill\.ya?ml$/i, '').replace(/\.ya?ml$/i, '');
}

/** Sortable, filesystem-safe stamp: 20261127-233012. */
export function runStamp(now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
}

export function runsRoot(request: Omit<RunLocationRequest, 'now'>): string {
  if (request.runsFolderSetting !== '') {
    const base = request.workspaceFolderPath ?? path.dirname(request.configPath);
    return path.resolve(base, request.runsFolderSetting);
  }
  return path.resolve(path.dirname(request.configPath), request.configOutput || 'runs');
}

/** A fresh run directory; `taken` says whether a name is in use so two runs in one second don't collide. */
export function newRunDir(request: RunLocationRequest, taken: (dir: string) => boolean): string {
  const root = runsRoot(request);
  const base = `${configBaseName(request.configPath)}-${runStamp(request.now)}`;
  let candidate = path.join(root, base);
  for (let n = 2; taken(candidate); n++) candidate = path.join(root, `${base}-${n}`);
  return candidate;
}
