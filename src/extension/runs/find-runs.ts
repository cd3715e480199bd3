/**
 * Past runs on disk for Open Run: core/runs' listing of every run directory up to two levels under the given
 * roots (runs/<id> and runs/<sweep>/<trial>), a root that is itself a run included. Pure Node, so it is
 * unit-tested without an editor.
 */
import * as path from 'node:path';
import { nodeFileSystem } from '../../node/file-system';
import { listRuns, runAt, sortNewestFirst, type RunListing } from '../../core/runs/list-runs';
import type { RunState } from '../../core/runs/run-state';

export interface RunEntry {
  readonly dir: string;
  readonly status: RunState;
  /** The trainer's one-line result, or the failure's reason (or why the report cannot be read). */
  readonly detail: string;
  /** Sort time in ms (core/runs: the report's start, else when the run's files last changed). */
  readonly modified: number;
}

const MAX_DEPTH = 2;

export function findRuns(roots: readonly string[]): RunEntry[] {
  const byDir = new Map<string, RunListing>();
  for (const root of roots.map((r) => path.resolve(r))) {
    const self = runAt(nodeFileSystem, root);
    const found = self ? [self] : listRuns(nodeFileSystem, root, { depth: MAX_DEPTH });
    for (const run of found) byDir.set(run.dir, run);
  }
  return sortNewestFirst([...byDir.values()]).map(toEntry);
}

function toEntry(run: RunListing): RunEntry {
  const accuracy = run.report?.student?.metrics.accuracy;
  const detail =
    run.error ??
    (accuracy !== undefined ? `student ${(accuracy * 100).toFixed(1)}%` : run.state === 'running' ? 'no report yet' : '');
  return { dir: run.dir, status: run.state, detail, modified: run.time };
}
