/**
 * Sweep events as one line of text for people, the same in `distillery sweep`'s log, the extension's output
 * channel and its progress notification.
 */
import type { SweepEvent } from '../protocol/sweep';
import { formatFixed } from './numbers';

type SweepEnd = Extract<SweepEvent, { type: 'sweep-end' }>;

/** "best trial-002 (objective 0.9123)" or that none finished with one. */
export function describeBestTrial(best: SweepEnd['best']): string {
  return best
    ? `best ${best.trial} (objective ${formatFixed(best.objective, 4)})`
    : 'no trial finished with an objective';
}

export function describeSweepEvent(event: SweepEvent): string {
  switch (event.type) {
    case 'sweep-start':
      return `sweep ${event.sweep_dir}: ${event.to_run.length} of ${event.trials} trials to run (${event.executor})`;
    case 'trial': {
      const job = event.job_id ? ` (Slurm job ${event.job_id})` : '';
      const objective = event.objective === undefined ? '' : ` objective ${formatFixed(event.objective, 4)}`;
      return `${event.id} ${event.status}${job}${objective}${event.error ? `: ${event.error}` : ''}`;
    }
    case 'trial-progress':
      return `${event.id}: ${event.message}`;
    case 'sweep-end': {
      const { done, failed, cancelled } = event.counts;
      return `sweep ${event.status}: ${done} done, ${failed} failed, ${cancelled} cancelled; ${describeBestTrial(event.best)}`;
    }
  }
}
