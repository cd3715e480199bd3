/**
 * Run events as one line of text for people. `describeRunEvent` is the short line of the status bar, the
 * progress notification, the VS Code task terminal and sweep progress; `runEventLogLine` is the line a terminal
 * log prints (the CLI, a Slurm-followed run, the trainer without --json): the same words, with headings for
 * phases, the run directory at the start and only each model's final epoch.
 */
import type { EpochEvent, EvalEvent, RunEvent, SearchPointTag, StartEvent } from '../protocol/run-events';
import { formatFixed } from './numbers';
import { formatPercent } from './percent';
import { describeStartMemory } from './data-storage';

const seedOf = (seed: number | undefined): string => (seed === undefined ? '' : ` seed ${seed}`);

/** "student seed 5 epoch 2/4 · loss 0.5000 · val 91.2%" */
export function describeEpoch(event: EpochEvent): string {
  const val = event.val_accuracy === undefined ? '' : ` · val ${formatPercent(event.val_accuracy)}`;
  return `${event.role}${seedOf(event.seed)} epoch ${event.epoch}/${event.epochs} · loss ${formatFixed(event.loss, 4)}${val}`;
}

/** "student seed 5: test accuracy 97.1% · agreement 98.0%" */
export function describeEval(event: EvalEvent): string {
  return `${event.role}${seedOf(event.seed)}: test accuracy ${formatPercent(event.metrics.accuracy)} · agreement ${formatPercent(event.metrics.agreement)}`;
}

const backendNote = (event: StartEvent, where: string | undefined): string =>
  `backend ${event.backend}${event.resumed ? ', resumed' : ''}${where ? `, ${where}` : ''}`;

/** "search point 3 of 12 (s50-units-int8)": where an event of the compression search belongs. */
export function describeSearchPoint(tag: SearchPointTag): string {
  return `search point ${tag.index} of ${tag.total} (${tag.id})`;
}

/** The search point an event belongs to (phase, epoch, eval and warning events of `compression.target`'s points). */
export function searchPointOf(event: RunEvent): SearchPointTag | undefined {
  return 'search_point' in event ? event.search_point : undefined;
}

/** A search point's events read as part of the search: "search point 3 of 12 (id) · pruned: test accuracy ...". */
export function describeRunEvent(event: RunEvent): string {
  const point = searchPointOf(event);
  const line = describeOwnEvent(event);
  return point ? `${describeSearchPoint(point)} · ${line}` : line;
}

function describeOwnEvent(event: RunEvent): string {
  switch (event.type) {
    case 'start':
      return `starting (${backendNote(event, undefined)})`;
    case 'phase':
      return event.message;
    case 'epoch':
      return describeEpoch(event);
    case 'eval':
      return describeEval(event);
    case 'warning':
      return `warning: ${event.message}`;
    case 'done':
      return `done: ${event.summary}`;
    case 'failed':
      return `failed: ${event.error}`;
    case 'cancelled':
      return `cancelled: ${event.reason}`;
  }
}

/** The line saying where a run is, or undefined for an event that does not (a warning is not progress). */
export function describeRunProgress(event: RunEvent): string | undefined {
  return event.type === 'warning' ? undefined : describeRunEvent(event);
}

/**
 * The line a terminal log prints for `event`, or undefined for epochs before a model's last (a log that wants
 * every epoch redraws `progressBarLine` in place instead). `where` says where the run executes ("on Slurm").
 */
export function runEventLogLine(event: RunEvent, where?: string): string | undefined {
  // A search point's phases are steps of the search, not headings of the run: indented under its own heading.
  if (searchPointOf(event) && event.type === 'phase') return `   ${describeRunEvent(event)}`;
  switch (event.type) {
    case 'start':
      return `run ${event.run_id} in ${event.run_dir} (${backendNote(event, where)})${event.memory ? `\n   ${describeStartMemory(event.memory)}` : ''}`;
    case 'phase':
      return `== ${event.message}`;
    case 'epoch':
      return event.epoch === event.epochs ? `   ${describeRunEvent(event)}` : undefined;
    case 'eval':
      return `   ${describeRunEvent(event)}`;
    case 'failed':
      return `FAILED: ${event.error}${event.hint ? `\nhint: ${event.hint}` : ''}`;
    default:
      return describeRunEvent(event);
  }
}
