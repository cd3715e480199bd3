/**
 * The batch scripts Distillery submits. Each runs the ordinary trainer command in a run directory on the
 * filesystem that the login node and the compute nodes share; nothing else is installed on the nodes. Array
 * task N runs trial N (`trial-00N`), so a retry resubmits the same script with `--array=N`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SLURM_DIR } from '../core/runs/layout';
import type { TrainerCommand } from '../trainer/trainer-command';

/**
 * Every value that reaches a script is single-quoted, and refused if it holds a newline or another control
 * character: a quoted newline is harmless to bash, but the value would also reach job logs, and a path with
 * one is almost surely an attack (`output: "runs\n$(touch pwned)\n#"`). No value is written in a comment.
 */
export function shellQuote(value: string, what = 'a value'): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(value))
    throw new Error(
      `${what} ${JSON.stringify(value)} holds a newline or another control character; it cannot go into a Slurm batch script. Rename it.`,
    );
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function header(title: string): string[] {
  return [
    '#!/bin/bash',
    `# ${title}`,
    '# Written by Distillery; resources (partition, time, CPUs, memory, array) are given on the sbatch command line.',
    'set -u',
  ];
}

function seedArgument(seed: number | undefined): string {
  if (seed === undefined) return '';
  if (!Number.isSafeInteger(seed)) throw new Error(`The seed ${seed} is not an integer.`);
  return ` --seed ${seed}`;
}

function trainerLine(
  trainer: TrainerCommand,
  runDir: string,
  configFile: string,
  seed: number | undefined,
  step = '',
): string {
  // exec: the trainer is the job's process, so scancel's SIGTERM reaches it and it ends the run gracefully.
  return `exec ${shellQuote(trainer.node, 'The Node.js path')} ${shellQuote(trainer.script, 'The trainer path')} ${configFile} --run-dir ${runDir} --json${seedArgument(seed)}${step} > /dev/null`;
}

/** The array script of a sweep: task N runs trial N in SWEEP_DIR/trial-00N. */
export function writeArrayScript(sweepDir: string, trainer: TrainerCommand, seed: number, configName: string): string {
  const file = path.join(sweepDir, SLURM_DIR, 'trials.sbatch');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const lines = [
    ...header('Distillery sweep: array task N runs trial N in the sweep directory below.'),
    `printf -v trial 'trial-%03d' "\${SLURM_ARRAY_TASK_ID:?not an array task}"`,
    `run_dir=${shellQuote(sweepDir, 'The sweep directory')}/"$trial"`,
    'cd "$run_dir" || exit 1',
    trainerLine(trainer, '"$run_dir"', `"$run_dir"/${shellQuote(configName, 'The config name')}`, seed),
  ];
  fs.writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o755 });
  return file;
}

/**
 * The jobs of a run (`distillery train --executor slurm`): `run` alone is the whole run. A compression search
 * spread over a job array has three: `run` stops once the student is trained, array task I of `tasks` measures
 * its share of the points (`--search-share`, src/trainer/run/search-share.ts), and `merge` resumes the run.
 */
export type RunJobStep =
  | { readonly job: 'run'; readonly stopBeforeSearch?: boolean }
  | { readonly job: 'search'; readonly tasks: number }
  | { readonly job: 'merge' };

function stepArguments(step: RunJobStep): string {
  if (step.job === 'merge') return ' --resume';
  if (step.job === 'run') return step.stopBeforeSearch ? ' --stop-before-search' : '';
  if (!Number.isSafeInteger(step.tasks) || step.tasks < 1)
    throw new Error(`${step.tasks} is not a number of array tasks.`);
  return ` --search-share "\${SLURM_ARRAY_TASK_ID:?not an array task}/${step.tasks}"`;
}

/** The script of one job of a run: `slurm/run.sbatch`, `slurm/search.sbatch` or `slurm/merge.sbatch`. */
export function writeRunScript(
  runDir: string,
  trainer: TrainerCommand,
  configFile: string,
  seed: number | undefined,
  step: RunJobStep = { job: 'run' },
): string {
  const file = path.join(runDir, SLURM_DIR, `${step.job}.sbatch`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const lines = [
    ...header('Distillery run: the trainer in the run directory below.'),
    `cd ${shellQuote(runDir, 'The run directory')} || exit 1`,
    trainerLine(
      trainer,
      shellQuote(runDir, 'The run directory'),
      shellQuote(configFile, 'The config path'),
      seed,
      stepArguments(step),
    ),
  ];
  fs.writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o755 });
  return file;
}
