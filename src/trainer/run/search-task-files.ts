/**
 * The files of a search spread over a Slurm job array: array task I's private copy of the run
 * (`search/tasks/task-I/`, core/runs/layout), and the moves that bring its finished points into the run's
 * `search/`. Used by the task itself (./search-share.ts) and by the merge job (phases/search-phase.ts), which
 * also takes the finished points of a task that was killed before it could move them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PruningGroup } from '../../core/compression/search-space';
import {
  EVENTS_FILE,
  EXPORT_DIR,
  REPORT_FILE,
  REPORT_MARKDOWN_FILE,
  RUN_ENTRIES,
  SEARCH_DIR,
  SEARCH_POINT_FILE,
  SEARCH_TASKS_DIR,
} from '../../core/runs/layout';
import type { RunFiles } from './run-files';

/** What a task copies: the run's files the resumed trainer reads, not the search or the run's results. */
const NOT_COPIED = new Set([SEARCH_DIR, EXPORT_DIR, `${EXPORT_DIR}.partial`, REPORT_FILE, REPORT_MARKDOWN_FILE]);

/**
 * Copies the run's files into the task's folder (replacing what an earlier attempt of this task left), with the
 * run's `search/` folders of the task's own groups, so a requeued task does not measure its finished points again.
 */
export function copyRunForTask(runDir: string, taskDir: string, groups: readonly PruningGroup[]): void {
  fs.rmSync(taskDir, { recursive: true, force: true });
  fs.mkdirSync(taskDir, { recursive: true });
  const copy = (relative: string): void => {
    if (fs.existsSync(path.join(runDir, relative)))
      fs.cpSync(path.join(runDir, relative), path.join(taskDir, relative), { recursive: true, verbatimSymlinks: true });
  };
  for (const entry of RUN_ENTRIES) if (!NOT_COPIED.has(entry)) copy(entry);
  for (const group of groups)
    for (const id of [group.id, ...group.points.map((p) => p.id)]) copy(`${SEARCH_DIR}/${id}`);
}

/**
 * Moves a task's finished folders into the run's `search/` (`task` relative to the run, e.g.
 * `search/tasks/task-0`): a group's folder (its pruned model), then each point whose record exists, so a
 * point.json in the run always has its files. A folder the run already has is left. Returns the point ids moved.
 */
export function collectTaskPoints(files: RunFiles, task: string, groups: readonly PruningGroup[]): string[] {
  const moved: string[] = [];
  const move = (id: string): boolean => {
    const from = `${task}/${SEARCH_DIR}/${id}`;
    const to = `${SEARCH_DIR}/${id}`;
    if (!files.exists(from) || files.exists(to)) return false;
    files.move(from, to);
    return true;
  };
  for (const group of groups) {
    const finished = group.points.filter((p) => files.exists(`${task}/${SEARCH_DIR}/${p.id}/${SEARCH_POINT_FILE}`));
    if (finished.length === 0) continue;
    if (group.structure !== 'none') move(group.id);
    for (const point of finished) if (move(point.id)) moved.push(point.id);
  }
  return moved;
}

/** Every task copy still in the run (relative paths): what the merge job looks in for points not yet moved. */
export function taskCopies(files: RunFiles): string[] {
  if (!files.exists(SEARCH_TASKS_DIR)) return [];
  return fs
    .readdirSync(files.resolve(SEARCH_TASKS_DIR))
    .map((name) => `${SEARCH_TASKS_DIR}/${name}`)
    .sort();
}

/** The task's copy once its points are moved: only its event log stays (the run's follow-along reads it). */
export function clearTaskCopy(taskDir: string): void {
  for (const entry of fs.readdirSync(taskDir))
    if (entry !== EVENTS_FILE) fs.rmSync(path.join(taskDir, entry), { recursive: true, force: true });
}
