/**
 * `sweep.json`: the index of a hyperparameter sweep. Written by `distillery sweep` (local or Slurm executor),
 * read by the sweep view of the panel. Every trial is an ordinary run directory under the sweep directory.
 */
import { list, num, oneOf, optional, record, scalar, schemaVersion, shape, str, type Check } from './checks';
import { parseJsonObjectLine } from './json-line';

export type TrialStatus = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';
export type SweepValue = number | string | boolean;

export interface SweepTrial {
  /** Stable id, e.g. `trial-003`; also the name of its run directory. */
  readonly id: string;
  readonly index: number;
  /** Config path (dotted, e.g. `distillation.temperature`) -> value used by this trial. */
  readonly params: Readonly<Record<string, SweepValue>>;
  readonly status: TrialStatus;
  /** Run directory relative to the sweep directory. */
  readonly run_dir: string;
  /** Validation-split value of the optimised metric (what selects the best trial). */
  readonly objective?: number;
  /** Test-split metrics from the trial's report (shown, never used for selection). */
  readonly metrics?: Readonly<Record<string, number>>;
  readonly error?: string;
  /** Slurm job id (`12345_3` for array task 3) when run on a cluster. */
  readonly job_id?: string;
  readonly attempts: number;
  readonly started?: string;
  readonly finished?: string;
}

export interface SweepParameter {
  readonly path: string;
  readonly values: readonly SweepValue[];
}

export interface SweepIndex {
  readonly schema_version: 1;
  readonly sweep_id: string;
  readonly config_path: string;
  readonly created: string;
  readonly updated: string;
  readonly executor: 'local' | 'slurm';
  readonly method: 'grid' | 'random';
  /** Metric optimised, e.g. `accuracy` or `agreement`, measured on `split`. */
  readonly metric: string;
  readonly goal: 'maximize' | 'minimize';
  readonly split: 'validation' | 'test';
  readonly parameters: readonly SweepParameter[];
  readonly budget: number;
  readonly status: 'running' | 'done' | 'failed' | 'cancelled';
  readonly trials: readonly SweepTrial[];
  readonly best?: { readonly trial: string; readonly objective: number };
  /** Seed passed to every trial's trainer (`--seed`). */
  readonly seed?: number;
  /** SHA-256 of the config text the trials were derived from; a resumed sweep refuses a changed config. */
  readonly config_hash?: string;
  /** Cluster submission details when `executor` is `slurm`. */
  readonly slurm?: SlurmSubmission;
}

/** What was asked of Slurm for each trial (absent fields: the cluster's defaults). */
export interface SlurmSubmission {
  /** Id of the latest job array (`sbatch --array`); retries submit their own jobs, recorded per trial. */
  readonly job_id?: string;
  readonly partition?: string;
  /** Time limit per trial in Slurm's format (`MM`, `HH:MM:SS`, `D-HH`...). */
  readonly time?: string;
  readonly cpus?: number;
  /** Memory per trial in Slurm's format (`2G`, `500M`). */
  readonly mem?: string;
}

/** Progress of a sweep, one JSON object per line on stdout of `distillery sweep --json`. */
export type SweepEvent =
  | {
      readonly type: 'sweep-start';
      readonly time: string;
      readonly sweep_dir: string;
      readonly executor: 'local' | 'slurm';
      readonly trials: number;
      readonly to_run: readonly string[];
      readonly job_id?: string;
    }
  | {
      readonly type: 'trial';
      readonly time: string;
      readonly id: string;
      readonly status: TrialStatus;
      readonly objective?: number;
      readonly error?: string;
      readonly job_id?: string;
    }
  | {
      readonly type: 'trial-progress';
      readonly time: string;
      readonly id: string;
      readonly message: string;
      readonly epoch?: number;
      readonly epochs?: number;
    }
  | {
      readonly type: 'sweep-end';
      readonly time: string;
      readonly status: SweepIndex['status'];
      readonly sweep_dir: string;
      readonly best?: SweepIndex['best'];
      readonly counts: Readonly<Record<TrialStatus, number>>;
    };

/** Parses one line of `distillery sweep --json`; undefined for anything else (never throws). */
export function parseSweepEvent(line: string): SweepEvent | undefined {
  const value = parseJsonObjectLine(line);
  const type = value?.type;
  return type === 'sweep-start' || type === 'trial' || type === 'trial-progress' || type === 'sweep-end'
    ? (value as unknown as SweepEvent)
    : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// The validator of `SweepIndex`: what every reader of sweep.json accepts.

const sweepTrial = shape({
  id: str,
  index: num,
  params: record(scalar),
  status: oneOf('pending', 'running', 'done', 'failed', 'cancelled'),
  run_dir: str,
  objective: optional(num),
  metrics: optional(record(num)),
  error: optional(str),
  job_id: optional(str),
  attempts: num,
  started: optional(str),
  finished: optional(str),
});

/** Checks a whole sweep index; `at` names the value in messages (`sweep` for a file on its own). */
export const sweepIndexCheck: Check = shape({
  schema_version: schemaVersion(1, 'sweep'),
  sweep_id: str,
  config_path: str,
  created: str,
  updated: str,
  executor: oneOf('local', 'slurm'),
  method: oneOf('grid', 'random'),
  metric: str,
  goal: oneOf('maximize', 'minimize'),
  split: oneOf('validation', 'test'),
  parameters: list(shape({ path: str, values: list(scalar) })),
  budget: num,
  status: oneOf('running', 'done', 'failed', 'cancelled'),
  trials: list(sweepTrial),
  best: optional(shape({ trial: str, objective: num })),
});

/** Validates a parsed sweep.json: undefined when it is a sweep index, else where it is not. */
export function checkSweepIndex(value: unknown): string | undefined {
  return sweepIndexCheck(value, 'sweep');
}
