/** One short line saying where a run is, from its latest event (shared by the notification and status bar). */
import type { RunEvent } from '../../core/protocol/run-events';

export function describeProgress(event: RunEvent): string | undefined {
  switch (event.type) {
    case 'start':
      return `starting (${event.backend})`;
    case 'phase':
      return event.seed !== undefined ? `${event.message} (seed ${event.seed})` : event.message;
    case 'epoch': {
      const val = event.val_accuracy !== undefined ? ` · val ${(event.val_accuracy * 100).toFixed(1)}%` : '';
      return `${event.role} epoch ${event.epoch}/${event.epochs} · loss ${event.loss.toFixed(3)}${val}`;
    }
    case 'eval':
      return `${event.role}: accuracy ${(event.metrics.accuracy * 100).toFixed(1)}%`;
    case 'warning':
      return undefined;
    case 'done':
      return event.summary;
    case 'failed':
      return `failed: ${event.error}`;
    case 'cancelled':
      return `cancelled: ${event.reason}`;
  }
}

/**
 * Rough share of the whole run done, 0..1, for the progress bar: phases the start event announced, each
 * weighted equally, with epochs filling the training phases. Never goes backwards.
 */
export class ProgressEstimator {
  private phases: readonly string[] = [];
  private seeds = 1;
  private done = 0;

  update(event: RunEvent): number {
    if (event.type === 'start') {
      this.phases = event.phases;
      this.seeds = Math.max(1, event.seeds);
    }
    const total = Math.max(1, this.phases.length * this.seeds);
    let estimate = this.done;
    if (event.type === 'phase') {
      const index = this.phases.indexOf(event.phase);
      if (index >= 0) estimate = ((event.seed ?? 0) * this.phases.length + index) / total;
    } else if (event.type === 'epoch') {
      const index = this.phases.indexOf(event.role);
      if (index >= 0)
        estimate = (event.seed * this.phases.length + index + event.epoch / Math.max(1, event.epochs)) / total;
    } else if (event.type === 'done') {
      estimate = 1;
    }
    this.done = Math.min(1, Math.max(this.done, estimate));
    return this.done;
  }
}
