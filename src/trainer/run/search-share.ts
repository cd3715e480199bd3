/**
 * One Slurm array task of a search spread over a job array (`--search-share I/N`). The first job trained the
 * student and stopped (`--stop-before-search`); every task now reads that run at once, so no task may write
 * its shared files (events.jsonl, checkpoints, the teacher's cached outputs, the run lock). Each task instead
 * resumes a private copy of the run under `search/tasks/task-I/`, measures only its share of the pruning
 * groups there (core/compression/search-space: a group is never split), and moves each folder it finished into
 * the run's `search/`: the folders of different tasks are disjoint, and a move is one rename. The task takes
 * no lock on the run (the others read it at the same time) but refuses while a trainer holds it. The merge
 * job then resumes the run as usual: it finds the moved points recorded and measures only what a failed task
 * left, and removes the copies.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type PruningGroup, type SearchShare, searchShare, searchSpace } from '../../core/compression/search-space';
import {
  EXPORT_DIR,
  MODEL_DIRS,
  REPORT_FILE,
  REPORT_MARKDOWN_FILE,
  RUN_ENTRIES,
  SEARCH_DIR,
  SEARCH_POINT_FILE,
  searchTaskFolder,
} from '../../core/runs/layout';
import { runTraining, type RunOptions, type RunOutcome } from '../engine';
import { checkConfigFile } from './config-check';
import { TrainerError } from './errors';
import { classifyRunFolder } from './run-folder';
import { describeLockOwner } from './lock-file';
import { heldRunLock, RUN_LOCK } from './run-lock';

/** What a task copies: the run's files the resumed trainer reads, not the search or the run's results. */
const NOT_COPIED = new Set([SEARCH_DIR, EXPORT_DIR, `${EXPORT_DIR}.partial`, REPORT_FILE, REPORT_MARKDOWN_FILE]);

function checkTrainedRun(runDir: string): void {
  if (classifyRunFolder(runDir).kind !== 'run' || !fs.existsSync(path.join(runDir, MODEL_DIRS.student, 'model.json')))
    throw new TrainerError(
      `${runDir} holds no trained student to search from.`,
      'An array task (--search-share) runs after the job that trained the student (--stop-before-search) in the same --run-dir.',
      'search-share-untrained',
    );
  const owner = heldRunLock(runDir);
  if (owner)
    throw new TrainerError(
      `${runDir} is in use by another trainer (${describeLockOwner(owner)}); an array task only reads the run while no trainer writes it.`,
      `Wait for that run to end. If no trainer runs there any more, delete ${path.join(runDir, RUN_LOCK)}.`,
      'run-locked',
    );
}

/** Copies the run's files into the task's folder (replacing what an earlier attempt of this task left). */
function copyRun(runDir: string, taskDir: string): void {
  fs.rmSync(taskDir, { recursive: true, force: true });
  fs.mkdirSync(taskDir, { recursive: true });
  for (const entry of RUN_ENTRIES) {
    if (NOT_COPIED.has(entry) || !fs.existsSync(path.join(runDir, entry))) continue;
    fs.cpSync(path.join(runDir, entry), path.join(taskDir, entry), { recursive: true, verbatimSymlinks: true });
  }
}

/**
 * Moves the task's finished folders into the run's `search/`: a group's folder (its pruned model), then each
 * point whose record exists, so a point.json in the run always has its files. A folder the run already has is
 * left (another trainer measured it). Returns the ids moved.
 */
function collectShare(runDir: string, taskDir: string, groups: readonly PruningGroup[]): string[] {
  const moved: string[] = [];
  const move = (id: string): void => {
    const from = path.join(taskDir, SEARCH_DIR, id);
    const to = path.join(runDir, SEARCH_DIR, id);
    if (!fs.existsSync(from) || fs.existsSync(to)) return;
    fs.renameSync(from, to);
    moved.push(id);
  };
  for (const group of groups) {
    const finished = group.points.filter((p) => fs.existsSync(path.join(taskDir, SEARCH_DIR, p.id, SEARCH_POINT_FILE)));
    if (finished.length === 0) continue;
    if (group.structure !== 'none') move(group.id);
    for (const point of finished) move(point.id);
  }
  return moved;
}

/** The task's copy once its points are moved: only its event log stays (the run's follow-along reads it). */
function clearCopy(taskDir: string): void {
  for (const entry of fs.readdirSync(taskDir))
    if (entry !== 'events.jsonl') fs.rmSync(path.join(taskDir, entry), { recursive: true, force: true });
}

export async function runSearchShare(
  options: Omit<RunOptions, 'runDir' | 'resume' | 'searchShare'> & { runDir: string; share: SearchShare },
): Promise<RunOutcome> {
  const runDir = path.resolve(options.runDir);
  checkTrainedRun(runDir);
  const target = checkConfigFile(path.resolve(options.configPath)).config.compression.target;
  if (!target)
    throw new TrainerError(
      `${options.configPath} has no compression.target, so there is no search to share.`,
      'Remove --search-share, or give the config a compression.target.',
    );
  const taskDir = path.join(runDir, searchTaskFolder(options.share.index));
  fs.mkdirSync(path.join(runDir, SEARCH_DIR), { recursive: true });
  copyRun(runDir, taskDir);
  const { share, ...rest } = options;
  const outcome = await runTraining({
    ...rest,
    runDir: taskDir,
    runId: path.basename(runDir),
    resume: true,
    searchShare: share,
  });
  // Points finished before a failure are kept: the merge job measures only the rest.
  collectShare(runDir, taskDir, searchShare(searchSpace(target), share));
  clearCopy(taskDir);
  return outcome;
}
