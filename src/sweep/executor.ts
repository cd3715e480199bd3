/**
 * What a sweep executor does: run a set of trials (each an ordinary trainer run in its own directory) and
 * report each one's start, progress and end. Local child processes and a Slurm job array both fit it.
 */
import type { SweepMetric } from '../core/schema/sweep-schema';
import type { TrainerCommand } from '../trainer/trainer-command';
import type { TrialOutcome } from './trial-outcome';

export interface TrialJob {
  readonly id: string;
  readonly index: number;
  readonly runDir: string;
  readonly configFile: string;
  /** Slurm job id of an earlier submission still in the queue, to follow instead of submitting anew. */
  readonly liveJobId?: string;
}

export interface ExecutorHooks {
  started(id: string, info: { readonly jobId?: string }): void;
  progress(id: string, message: string, epoch?: number, epochs?: number): void;
  /** Called exactly once per trial. `cancelled` only when the sweep itself was cancelled. */
  finished(id: string, outcome: TrialOutcome): void;
  /** The executor's own submissions (Slurm: the array job id), recorded so a later resume can follow them. */
  submitted?(jobIds: readonly { readonly id: string; readonly jobId: string }[], arrayJobId: string): void;
}

export interface ExecutorContext {
  readonly trainer: TrainerCommand;
  readonly seed: number;
  readonly metric: SweepMetric;
  readonly split: 'validation' | 'test';
  readonly signal: AbortSignal;
  /** Environment of child processes and Slurm commands (PATH decides which `sbatch` runs). */
  readonly env: NodeJS.ProcessEnv;
}

export interface SweepExecutor {
  run(jobs: readonly TrialJob[], hooks: ExecutorHooks, context: ExecutorContext): Promise<void>;
}

/**
 * A trial that stopped short while the sweep was not being cancelled was stopped from outside (killed,
 * preempted, out of time): it is recorded as failed, so a resume or `--retry` runs it again.
 */
export function settleOutcome(outcome: TrialOutcome, sweepCancelled: boolean, why: string): TrialOutcome {
  if (outcome.status === 'cancelled' && !sweepCancelled) return { ...outcome, status: 'failed', error: why };
  return outcome;
}
