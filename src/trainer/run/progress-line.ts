/** One-line progress for a terminal, redrawn in place from the run's events. */
import type { RunEvent } from '../../core/protocol/run-events';

function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export function progressLine(event: Extract<RunEvent, { type: 'epoch' }>, width: number): string {
  const share = event.epoch / Math.max(1, event.epochs);
  const barWidth = 20;
  const filled = Math.round(share * barWidth);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]`;
  const val = event.val_accuracy === undefined ? '' : ` val ${(event.val_accuracy * 100).toFixed(1)}%`;
  const eta = event.eta_seconds === undefined ? '' : ` eta ${duration(event.eta_seconds)}`;
  const text = `${bar} ${event.role} s${event.seed} epoch ${event.epoch}/${event.epochs} loss ${event.loss.toFixed(4)}${val} ${Math.round(event.samples_per_second)} ex/s${eta}`;
  return text.length > width - 1 ? text.slice(0, width - 1) : text;
}
