/**
 * The one listing of run directories, used by the panel's Runs view, Open Run, and the language server's
 * last-run lens. A run directory is a folder holding report.json or events.jsonl; its state is a RunState
 * (run-state.ts).
 */
import * as path from '../paths/file-path';
import type { RunReport } from '../protocol/report';
import { EVENTS_FILE, REPORT_FILE } from './layout';
import { readRunReport } from './read-report';
import type { RunFileSystem } from './run-file-system';
import type { RunState } from './run-state';

export interface RunListing {
  /** Folder name: the run id, unique within its output folder. */
  readonly id: string;
  readonly dir: string;
  readonly state: RunState;
  /** The validated report, when the run has a readable one. */
  readonly report?: RunReport;
  /** Why the run failed (from its report), or why its report cannot be read. */
  readonly error?: string;
  /** Sort time in ms: the report's `started` when readable, else when report.json or events.jsonl last changed. */
  readonly time: number;
}

export interface ListRunsOptions {
  /**
   * How many folder levels below `folder` to look (1: its sub-folders; 2 also finds sweep trials,
   * `runs/<sweep>/<trial>`). A run directory is never searched further.
   */
  readonly depth?: number;
}

/** The run in `dir`, or undefined when `dir` is not a run directory. */
export function runAt(fs: RunFileSystem, dir: string): RunListing | undefined {
  const id = path.basename(dir);
  const reportTime = fs.modifiedMs(path.join(dir, REPORT_FILE));
  if (reportTime === undefined) {
    const eventsTime = fs.modifiedMs(path.join(dir, EVENTS_FILE));
    return eventsTime === undefined ? undefined : { id, dir, state: 'running', time: eventsTime };
  }
  const read = readRunReport(fs, dir);
  if (!read.ok) {
    // A report that vanished between the two looks is a run that is being replaced: still going.
    return read.missing
      ? { id, dir, state: 'running', time: reportTime }
      : { id, dir, state: 'unreadable', error: read.error, time: reportTime };
  }
  const started = Date.parse(read.report.started);
  return {
    id,
    dir,
    state: read.report.status,
    report: read.report,
    ...(read.report.error !== undefined ? { error: read.report.error } : {}),
    time: Number.isNaN(started) ? reportTime : started,
  };
}

/** Run directories under `folder`, newest first (ties by id); none when the folder does not exist. */
export function listRuns(fs: RunFileSystem, folder: string, options: ListRunsOptions = {}): RunListing[] {
  const found: RunListing[] = [];
  const visit = (dir: string, levelsLeft: number): void => {
    for (const name of fs.list(dir)) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const child = path.join(dir, name);
      if (fs.kind(child) !== 'folder') continue;
      const run = runAt(fs, child);
      if (run) found.push(run);
      else if (levelsLeft > 1) visit(child, levelsLeft - 1);
    }
  };
  visit(folder, options.depth ?? 1);
  return sortNewestFirst(found);
}

export function sortNewestFirst(runs: RunListing[]): RunListing[] {
  return runs.sort((a, b) => b.time - a.time || a.id.localeCompare(b.id));
}
