/** A trial's progress, as a sweep reports it, from one of its run's events: phases and epochs count, other events do not. */
import { describeRunEvent } from '../core/format/run-event-text';
import type { RunEvent } from '../core/protocol/run-events';

export function trialProgress(event: RunEvent): { message: string; epoch?: number; epochs?: number } | undefined {
  switch (event.type) {
    case 'phase':
      return { message: describeRunEvent(event) };
    case 'epoch':
      return { message: describeRunEvent(event), epoch: event.epoch, epochs: event.epochs };
    default:
      return undefined;
  }
}
