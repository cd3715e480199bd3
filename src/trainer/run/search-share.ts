/**
 * One Slurm array task of a search spread over a job array (`--search-share I/N`). The first job trained the
 * student and stopped (`--stop-before-search`); every task now reads that run at once, so no task may write
 * its shared files (events.jsonl, checkpoints, the teacher's cached outputs, the run lock). Each task instead
 * resumes a private copy of the run under `search/tasks/task-I/`, measures only its share of the pruning
 * groups there (core/compression/search-space: a group is never split), and moves each folder it finished into
 * the run's `search/`: the folders of different tasks are disjoint, and a move is one rename. The task takes
 * no lock on the run (the others read it at the same time) but refuses while a trainer holds it. The merge
 * job then resumes the run as usual: it finds the moved points recorded (and takes those a killed task
 * finished but could not move), measures only what is left, and removes the copies.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type SearchShare, searchShare, searchSpace } from '../../core/compression/search-space';
import { MODEL_DIRS, SEARCH_DIR, searchTaskFolder } from '../../core/runs/layout';
import { runTraining, type RunOptions, type RunOutcome } from '../engine';
import { checkConfigFile } from './config-check';
import { TrainerError } from './errors';
import { classifyRunFolder } from './run-folder';
import { describeLockOwner } from './lock-file';
import { heldRunLock, RUN_LOCK } from './run-lock';
import { RunFiles } from './run-files';
import { clearTaskCopy, collectTaskPoints, copyRunForTask } from './search-task-files';

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
  const files = new RunFiles(runDir);
  // Through RunFiles: a symbolic link on the way (search/, search/tasks/) is refused before anything is removed.
  const taskDir = files.resolve(searchTaskFolder(options.share.index));
  fs.mkdirSync(path.join(runDir, SEARCH_DIR), { recursive: true });
  const { share, ...rest } = options;
  const groups = searchShare(searchSpace(target), share);
  // A requeued task (preemption, node failure): what its killed attempt finished goes to the run first.
  if (files.exists(searchTaskFolder(share.index))) collectTaskPoints(files, searchTaskFolder(share.index), groups);
  copyRunForTask(runDir, taskDir, groups);
  const outcome = await runTraining({
    ...rest,
    runDir: taskDir,
    runId: path.basename(runDir),
    resume: true,
    searchShare: share,
  });
  // Points finished before a failure are kept: the merge job measures only the rest.
  collectTaskPoints(files, searchTaskFolder(share.index), groups);
  clearTaskCopy(taskDir);
  return outcome;
}
