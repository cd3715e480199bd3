/**
 * What each trial asks of Slurm: partition, time limit, CPUs and memory. Checked before anything is submitted,
 * so a typo is a clear error here rather than a rejected job array.
 */
import { SweepError } from '../core/sweep-error';

export interface SlurmResources {
  readonly partition?: string;
  /** Slurm time format: `MM`, `MM:SS`, `HH:MM:SS`, `D-HH`, `D-HH:MM`, `D-HH:MM:SS`. */
  readonly time?: string;
  readonly cpus?: number;
  /** Memory per trial: a number with an optional K/M/G/T suffix (megabytes without one). */
  readonly mem?: string;
}

const TIME = /^(\d+-\d{1,2}(:\d{1,2}){0,2}|\d+(:\d{1,2}){0,2})$/;
const MEM = /^\d+[KMGT]?$/i;
const PARTITION = /^[A-Za-z0-9_.-]+$/;

export function checkSlurmResources(resources: SlurmResources): SlurmResources {
  if (resources.partition !== undefined && !PARTITION.test(resources.partition))
    throw new SweepError(
      `--partition '${resources.partition}' is not a partition name (letters, digits, '_', '-', '.').`,
    );
  if (resources.time !== undefined && !TIME.test(resources.time))
    throw new SweepError(
      `--time '${resources.time}' is not a Slurm time limit.`,
      'Use minutes (30), HH:MM:SS (01:30:00) or D-HH:MM (1-12:00).',
    );
  if (resources.cpus !== undefined && (!Number.isInteger(resources.cpus) || resources.cpus < 1))
    throw new SweepError(`--cpus must be a whole number >= 1 (got ${resources.cpus}).`);
  if (resources.mem !== undefined && !MEM.test(resources.mem))
    throw new SweepError(
      `--mem '${resources.mem}' is not a Slurm memory size.`,
      'Use a number of megabytes or a K/M/G/T suffix, e.g. 2G.',
    );
  return resources;
}

/** The sbatch options for these resources. */
export function resourceFlags(resources: SlurmResources): string[] {
  return [
    ...(resources.partition ? [`--partition=${resources.partition}`] : []),
    ...(resources.time ? [`--time=${resources.time}`] : []),
    ...(resources.cpus ? [`--cpus-per-task=${resources.cpus}`] : []),
    ...(resources.mem ? [`--mem=${resources.mem}`] : []),
  ];
}
