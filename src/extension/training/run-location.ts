/**
 * Where a new run directory goes: under runsRoot (core/runs/runs-root.ts, shared with the language server's
 * last-run lens), named as core/runs names every run (config name and UTC stamp). Pure, for unit tests.
 */
import * as path from 'node:path';
import { newRunId } from '../../core/runs/run-id';
import { runsRoot, type RunsRootRequest } from '../../core/runs/runs-root';

export interface RunLocationRequest extends RunsRootRequest {
  readonly now: Date;
}

/** A fresh run directory; `taken` says whether a name is in use so two runs in one second don't collide. */
export function newRunDir(request: RunLocationRequest, taken: (dir: string) => boolean): string {
  const root = runsRoot(request);
  const base = newRunId(request.configPath, request.now);
  let candidate = path.join(root, base);
  for (let n = 2; taken(candidate); n++) candidate = path.join(root, `${base}-${n}`);
  return candidate;
}
