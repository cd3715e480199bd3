/**
 * The trainer's event stream: one JSON object per line, in `events.jsonl` and (with `--json`) on stdout.
 * Sent by the trainer; read by the CLI progress bar, the extension's supervisor, the panel and sweeps.
 */
import { bool, isRecord, list, num, oneOf, optional, shape, str, type Check } from './checks';
import { parseJsonObjectLine } from './json-line';
import {
  type DataStorage,
  dataStorageCheck,
  type MemoryEstimate,
  memoryEstimateFields,
  metricsCheck,
  type Metrics,
  type RunStatus,
} from './report';

/** Which model an event is about. */
/** `quantized`: post-training quantization; `quantized_aware`: quantization-aware fine-tuning (`compression.quantization.aware`). */
export type ModelRole = 'teacher' | 'assistant' | 'student' | 'baseline' | 'pruned' | 'quantized' | 'quantized_aware';

export type PhaseName =
  | 'data'
  | 'teacher'
  | 'assistant'
  | 'student'
  | 'baseline'
  | 'pruning'
  | 'quantization'
  | 'search'
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
  /** The data's size on disk, its decoded cache and what will be held in memory, and the memory the machine has. */
  readonly memory?: StartMemory;
}

/** The data's storage and the memory estimate checked against `available_bytes` before training. */
export interface StartMemory extends MemoryEstimate {
  readonly data: DataStorage;
}

/**
 * Marks an event as part of one point of the accuracy-aware compression search (`compression.target`): each point
 * runs the ordinary pruning / quantization / export phases, so without this tag its events read as the run's own.
 * `id` is the point's folder under `search/` (a pruning group's shared fine-tuning carries the group's id and the
 * index of its first point); `index` counts from 1 to `total`, the points in the search. Absent in older logs.
 */
export interface SearchPointTag {
  readonly id: string;
  readonly index: number;
  readonly total: number;
}

/** Events a search point emits (the others belong to the run as a whole). */
interface SearchPointPart {
  readonly search_point?: SearchPointTag;
}

export interface PhaseEvent extends EventBase, SearchPointPart {
  readonly type: 'phase';
  readonly phase: PhaseName;
  readonly seed?: number;
  readonly message: string;
}

export interface EpochEvent extends EventBase, SearchPointPart {
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

export interface EvalEvent extends EventBase, SearchPointPart {
  readonly type: 'eval';
  readonly role: ModelRole;
  readonly seed?: number;
  readonly metrics: Metrics;
  readonly params: number;
  readonly bytes: number;
}

export interface WarningEvent extends EventBase, SearchPointPart {
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

// ---------------------------------------------------------------------------------------------------------
// The validator of `RunEvent`, field by field (parseRunEvent above only checks the envelope).

const role = oneOf('teacher', 'assistant', 'student', 'baseline', 'pruned', 'quantized', 'quantized_aware');
const phaseName = oneOf(
  'data',
  'teacher',
  'assistant',
  'student',
  'baseline',
  'pruning',
  'quantization',
  'search',
  'evaluation',
  'export',
  'report',
);
const searchPoint = optional(shape({ id: str, index: num, total: num }));
const runEventByType: Readonly<Record<RunEventType, Check>> = {
  start: shape({
    run_id: str,
    run_dir: str,
    config_path: str,
    backend: str,
    pid: num,
    phases: list(phaseName),
    seeds: num,
    resumed: bool,
    memory: optional(shape({ data: dataStorageCheck, ...memoryEstimateFields })),
  }),
  phase: shape({ phase: phaseName, seed: optional(num), message: str, search_point: searchPoint }),
  epoch: shape({
    role,
    seed: num,
    epoch: num,
    epochs: num,
    loss: num,
    loss_terms: optional(shape({ soft: optional(num), hard: optional(num), feature: optional(num) })),
    train_accuracy: num,
    val_loss: optional(num),
    val_accuracy: optional(num),
    learning_rate: num,
    samples_per_second: num,
    eta_seconds: optional(num),
    search_point: searchPoint,
  }),
  eval: shape({ role, seed: optional(num), metrics: metricsCheck, params: num, bytes: num, search_point: searchPoint }),
  warning: shape({ message: str, code: optional(str), search_point: searchPoint }),
  done: shape({ report_path: str, summary: str }),
  failed: shape({ error: str, hint: optional(str) }),
  cancelled: shape({ reason: str }),
};

/** Checks one event in full; `at` names it in messages. */
export const runEventCheck: Check = (v, at) => {
  if (!isRecord(v)) return `${at} should be an object`;
  const problem = str(v.time, `${at}.time`);
  if (problem) return problem;
  const known = typeof v.type === 'string' && Object.prototype.hasOwnProperty.call(runEventByType, v.type);
  const check = known ? runEventByType[v.type as RunEventType] : undefined;
  return check ? check(v, at) : `${at}.type should be one of ${Object.keys(runEventByType).join(', ')}`;
};
