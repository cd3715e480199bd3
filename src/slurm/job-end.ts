/**
 * Why Slurm ended a job without a finished run, in words a user can act on (time limit, memory, preemption,
 * node failure, a cancel from outside). Shared by single-run submission and the sweep's Slurm executor.
 */
import type { SlurmJobState } from './scheduler-commands';
import type { SlurmResources } from './resources';

export function explainSlurmEnd(task: string, state: SlurmJobState | undefined, resources: SlurmResources): string {
  if (!state) return `Slurm no longer knows job ${task} and it left no report`;
  const reason = state.reason && state.reason !== 'None' ? ` (${state.reason})` : '';
  switch (state.state) {
    case 'TIMEOUT':
      return `job ${task} hit its time limit${resources.time ? ` (--time ${resources.time})` : ''}`;
    case 'OUT_OF_MEMORY':
      return `job ${task} ran out of memory${resources.mem ? ` (--mem ${resources.mem})` : ''}`;
    case 'PREEMPTED':
      return `job ${task} was preempted by the scheduler${reason}`;
    case 'NODE_FAIL':
      return `the node running job ${task} failed${reason}`;
    case 'CANCELLED':
      return `job ${task} was cancelled in Slurm (scancel or an administrator), not by the sweep${reason}`;
    default:
      return `Slurm ended job ${task} as ${state.state}${reason}`;
  }
}
