/**
 * `sweep.json`: the index of a hyperparameter sweep. Written by `distillery sweep` (local or Slurm executor),
 * read by the sweep view of the panel. Every trial is an ordinary run directory under the sweep directory.
 */

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
}
