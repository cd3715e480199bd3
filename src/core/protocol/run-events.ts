/**
 * The trainer's event stream: one JSON object per line, in `events.jsonl` and (with `--json`) on stdout.
 * Sent by the trainer; read by the CLI progress bar, the extension's supervisor, the panel and sweeps.
 */
import { parseJsonObjectLine } from './json-line';
import type { Metrics, RunStatus } from './report';

/** Which model an event is about. */
export type ModelRole = 'teacher' | 'assistant' | 'student' | 'baseline' | 'pruned' | 'quantized';

export type PhaseName =
  | 'data'
  | 'teacher'
  | 'assistant'
  | 'student'
  | 'baseline'
  | 'pruning'
  | 'quantization'
  | 'evaluation'
  | 'export'
  | 'report';

interface EventBase {
  /** ISO-8601 time the event was written. */
  readonly time: string;
}

export interface StartEvent extends EventBase {
  readonly type: 'start';
  readonly run_id: string;
  readonly run_dir: string;
  readonly config_path: string;
  readonly backend: string;
  readonly pid: number;
  readonly phases: readonly PhaseName[];
  readonly seeds: number;
  readonly resumed: boolean;
}

export interface PhaseEvent extends EventBase {
  readonly type: 'phase';
  readonly phase: PhaseName;
  readonly seed?: number;
  readonly message: string;
}

export interface EpochEvent extends EventBase {
  readonly type: 'epoch';
  readonly role: ModelRole;
  readonly seed: number;
  readonly epoch: number;
  readonly epochs: number;
  readonly loss: number;
  /** The student's loss split into its terms (absent for labels-only training). */
  readonly loss_terms?: { readonly soft?: number; readonly hard?: number; readonly feature?: number };
  readonly train_accuracy: number;
  readonly val_loss?: number;
  readonly val_accuracy?: number;
  readonly learning_rate: number;
  readonly samples_per_second: number;
  /** Optimizer steps taken by this model so far (cumulative over epochs). */
  readonly steps?: number;
  /** Estimated seconds until the whole run ends. */
  readonly eta_seconds?: number;
}

export interface EvalEvent extends EventBase {
  readonly type: 'eval';
  readonly role: ModelRole;
  readonly seed?: number;
  readonly metrics: Metrics;
  readonly params: number;
  readonly bytes: number;
}

export interface WarningEvent extends EventBase {
  readonly type: 'warning';
  readonly message: string;
  readonly code?: string;
}

export interface DoneEvent extends EventBase {
  readonly type: 'done';
  readonly report_path: string;
  /** One-line result, e.g. "student 97.1% / teacher 98.0%, gain +0.42 ± 0.10 pt over 3 seeds, final model 12.0× smaller than the teacher". */
  readonly summary: string;
}

export interface FailedEvent extends EventBase {
  readonly type: 'failed';
  readonly error: string;
  readonly hint?: string;
}

export interface CancelledEvent extends EventBase {
  readonly type: 'cancelled';
  readonly reason: string;
}

export type RunEvent =
  StartEvent | PhaseEvent | EpochEvent | EvalEvent | WarningEvent | DoneEvent | FailedEvent | CancelledEvent;
export type RunEventType = RunEvent['type'];

export const TERMINAL_EVENTS: ReadonlySet<RunEventType> = new Set(['done', 'failed', 'cancelled']);

export function statusOf(event: RunEvent): RunStatus | undefined {
  return event.type === 'done' || event.type === 'failed' || event.type === 'cancelled' ? event.type : undefined;
}

const KNOWN: ReadonlySet<string> = new Set([
  'start',
  'phase',
  'epoch',
  'eval',
  'warning',
  'done',
  'failed',
  'cancelled',
]);

/** Parses one line of the stream; undefined for anything that is not a well-formed event (never throws). */
export function parseRunEvent(line: string): RunEvent | undefined {
  const value = parseJsonObjectLine(line);
  if (!value || typeof value.type !== 'string' || !KNOWN.has(value.type) || typeof value.time !== 'string')
    return undefined;
  return value as unknown as RunEvent;
}
