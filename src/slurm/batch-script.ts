/**
 * The batch scripts Distillery submits. Each runs the ordinary trainer command in a run directory on the
 * filesystem that the login node and the compute nodes share; nothing else is installed on the nodes. Array
 * task N runs trial N (`trial-00N`), so a retry resubmits the same script with `--array=N`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TrainerCommand } from '../trainer/trainer-command';

/** Single-quotes a value for bash (paths may contain spaces). */
export const shellQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

function header(title: string): string[] {
  return [
    '#!/bin/bash',
    `# ${title}`,
    '# Written by Distillery; resources (partition, time, CPUs, memory, array) are given on the sbatch command line.',
    'set -u',
  ];
}

function trainerLine(trainer: TrainerCommand, runDir: string, configFile: string, seed: number | undefined): string {
  const seedArgs = seed === undefined ? '' : ` --seed ${seed}`;
  // exec: the trainer is the job's process, so scancel's SIGTERM reaches it and it ends the run gracefully.
  return `exec ${shellQuote(trainer.node)} ${shellQuote(trainer.script)} ${configFile} --run-dir ${runDir} --json${seedArgs} > /dev/null`;
}

/** The array script of a sweep: task N runs trial N in SWEEP_DIR/trial-00N. */
export function writeArrayScript(sweepDir: string, trainer: TrainerCommand, seed: number, configName: string): string {
  const file = path.join(sweepDir, 'slurm', 'trials.sbatch');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const lines = [
    ...header(`Distillery sweep ${sweepDir}: array task N runs trial N.`),
    `printf -v trial 'trial-%03d' "\${SLURM_ARRAY_TASK_ID:?not an array task}"`,
    `run_dir=${shellQuote(sweepDir)}/"$trial"`,
    'cd "$run_dir" || exit 1',
    trainerLine(trainer, '"$run_dir"', `"$run_dir"/${shellQuote(configName)}`, seed),
  ];
  fs.writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o755 });
  return file;
}

/** The script of a single run (`distillery train --executor slurm`). */
export function writeRunScript(
  runDir: string,
  trainer: TrainerCommand,
  configFile: string,
  seed: number | undefined,
): string {
  const file = path.join(runDir, 'slurm', 'run.sbatch');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const lines = [
    ...header(`Distillery run ${runDir}.`),
    `cd ${shellQuote(runDir)} || exit 1`,
    trainerLine(trainer, shellQuote(runDir), shellQuote(configFile), seed),
  ];
  fs.writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o755 });
  return file;
}
