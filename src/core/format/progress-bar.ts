/** The one-line progress bar a terminal redraws in place on every epoch. */
import type { EpochEvent } from '../protocol/run-events';
import { formatDuration } from './duration';
import { describeRunEvent } from './run-event-text';

const BAR_WIDTH = 20;

/** "[##########----------] student seed 5 epoch 2/4 · loss 0.5000 · val 91.2% · 840 ex/s · eta 1 min 5 s", cut to `columns`. */
export function progressBarLine(event: EpochEvent, columns: number): string {
  const share = Math.min(1, Math.max(0, event.epoch / Math.max(1, event.epochs)));
  const filled = Math.round(share * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
  const eta = event.eta_seconds === undefined ? '' : ` · eta ${formatDuration(event.eta_seconds)}`;
  const text = `${bar} ${describeRunEvent(event)} · ${Math.round(event.samples_per_second)} ex/s${eta}`;
  return text.length > columns - 1 ? text.slice(0, Math.max(0, columns - 1)) : text;
}
