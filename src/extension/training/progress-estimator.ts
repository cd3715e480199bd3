/** The share of a run done, for the progress notification (its text comes from core/format/run-event-text). */
import type { RunEvent } from '../../core/protocol/run-events';

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
