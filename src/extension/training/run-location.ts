/**
 * Where a new run directory goes: under runsRoot (core/runs/runs-root.ts, shared with the language server's
 * last-run lens), named after the config and the time. Pure, for unit tests.
 */
import * as path from 'node:path';
import { runsRoot, type RunsRootRequest } from '../../core/runs/runs-root';

export { runsRoot };

export interface RunLocationRequest extends RunsRootRequest {
  readonly now: Date;
}

/** `mnist.distill.yaml` -> `mnist`. */
export function configBaseName(configPath: string): string {
  return path
    .basename(configPath)
    .replace(/\.distill\.ya?ml$/i, '')
    .replace(/\.ya?ml$/i, '');
}

/** Sortable, filesystem-safe stamp: 20261127-233012. */
export function runStamp(now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
}

/** A fresh run directory; `taken` says whether a name is in use so two runs in one second don't collide. */
export function newRunDir(request: RunLocationRequest, taken: (dir: string) => boolean): string {
  const root = runsRoot(request);
  const base = `${configBaseName(request.configPath)}-${runStamp(request.now)}`;
  let candidate = path.join(root, base);
  for (let n = 2; taken(candidate); n++) candidate = path.join(root, `${base}-${n}`);
  return candidate;
}
