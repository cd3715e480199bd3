/**
 * Every message that crosses the boundary between the panel host (extension) and the panel (webview), in one
 * place: a map per sender from message name to payload type, and a validator for each, run on arrival on the
 * receiving side. The webview is a sandbox that renders data from config files, model files and run
 * directories, so neither side trusts what it receives: a message that fails validation is reported and
 * dropped, and what was already shown stays.
 * Pure TypeScript with no Node or DOM imports: bundled into both the extension host and the browser.
 */
import type { Range, Severity } from '../diagnostics';
import type { FeaturePair } from '../config/types';
import type { DatasetInfo } from '../data/dataset-info';
import type { ModelSummary } from '../model/summary-types';
import type { RunEvent } from './run-events';
import type { RunReport, RunStatus } from './report';
import type { SweepIndex } from './sweep';

/** What a panel shows: one config (comparison, risks, live training, runs), one run, or one sweep. */
export type PanelKind = 'config' | 'run' | 'sweep';

export interface PanelInit {
  readonly kind: PanelKind;
  /** URI (as a string) of the config file, run directory or sweep directory; kept in webview state for restore. */
  readonly target: string;
  readonly title: string;
}

/** A diagnostic as the panel shows it: like the Problems panel, with fix titles instead of edits. */
export interface PanelDiagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  readonly source?: string;
  readonly fixTitles: readonly string[];
}

export interface AnalysisPayload {
  /** File name of the config, for headings. */
  readonly configName: string;
  readonly teacher?: ModelSummary;
  readonly student?: ModelSummary;
  readonly features: readonly FeaturePair[];
  readonly diagnostics: readonly PanelDiagnostic[];
  readonly dataset?: DatasetInfo;
}

/** One past run of a config, as listed in the Runs view (the full report is loaded on selection). */
export interface RunListEntry {
  /** Run directory name, unique within the config's output folder. */
  readonly id: string;
  /** `running` when the directory has no report yet; `unreadable` when report.json is not a valid report. */
  readonly status: RunStatus | 'running' | 'unreadable';
  readonly started?: string;
  readonly studentAccuracy?: number;
  readonly teacherAccuracy?: number;
  readonly baselineAccuracy?: number;
  /** Why the run failed, or why its report could not be read. */
  readonly error?: string;
}

/** Messages the host sends to the webview. */
export interface HostToWebview {
  readonly init: PanelInit;
  readonly analysis: AnalysisPayload;
  /** Training events of the config's current run, in order: one when live, all of them when the panel (re)loads. */
  readonly runEvents: { readonly events: readonly RunEvent[] };
  readonly runs: { readonly runs: readonly RunListEntry[] };
  readonly report: { readonly runId: string; readonly report: RunReport };
  readonly sweep: { readonly sweep: SweepIndex };
  /** Something the user should know that is not part of any view's data (e.g. a report that could not be read). */
  readonly notice: { readonly level: 'info' | 'error'; readonly message: string };
}

/** Messages the webview sends to the host. */
export interface WebviewToHost {
  /** The script has loaded and listens; the host (re)sends everything it has. */
  readonly ready: Record<string, never>;
  /** Reveal and select this range in the config's editor (clicking a risk). */
  readonly revealRange: { readonly range: Range };
  /** Load report.json of this run of the panel's config (an id from the `runs` message). */
  readonly loadReport: { readonly runId: string };
  /** Open the run of this sweep trial in its own panel (an id from the `sweep` message). */
  readonly openTrial: { readonly trialId: string };
  /**
   * Reveal a file of a run's export in the OS file manager / explorer: the run (an id from the `runs`
   * message, or the panel's own run) and the export's `path` as listed in its report (the host checks both).
   */
  readonly revealExport: { readonly runId: string; readonly path: string };
  /** The webview dropped a message that failed validation; the host logs it. */
  readonly protocolError: { readonly message: string };
}

type Envelope<Map> = { [K in keyof Map]: { readonly type: K; readonly payload: Map[K] } }[keyof Map];
export type HostMessage = Envelope<HostToWebview>;
export type WebviewMessage = Envelope<WebviewToHost>;

export type Validated<T> = { readonly ok: true; readonly message: T } | { readonly ok: false; readonly error: string };

// ---------------------------------------------------------------------------------------------------------
// Structural checks. Each returns undefined when the value fits, else a message naming where it does not.

type Check = (value: unknown, at: string) => string | undefined;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const num: Check = (v, at) =>
  typeof v === 'number' && Number.isFinite(v) ? undefined : `${at} should be a finite number`;
const str: Check = (v, at) => (typeof v === 'string' ? undefined : `${at} should be a string`);
const bool: Check = (v, at) => (typeof v === 'boolean' ? undefined : `${at} should be true or false`);
const oneOf =
  (...allowed: readonly string[]): Check =>
  (v, at) =>
    typeof v === 'string' && allowed.includes(v) ? undefined : `${at} should be one of ${allowed.join(', ')}`;
const optional =
  (check: Check): Check =>
  (v, at) =>
    v === undefined ? undefined : check(v, at);
const nullable =
  (check: Check): Check =>
  (v, at) =>
    v === null ? undefined : check(v, at);
const scalar: Check = (v, at) => (typeof v === 'string' || typeof v === 'boolean' ? undefined : num(v, at));

const list =
  (item: Check, maxLength = 1_000_000): Check =>
  (v, at) => {
    if (!Array.isArray(v)) return `${at} should be a list`;
    if (v.length > maxLength) return `${at} has ${v.length} items, more than ${maxLength}`;
    for (let i = 0; i < v.length; i++) {
      const problem = item(v[i], `${at}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  };

const record =
  (values: Check): Check =>
  (v, at) => {
    if (!isRecord(v)) return `${at} should be an object`;
    for (const [key, value] of Object.entries(v)) {
      const problem = values(value, `${at}.${key}`);
      if (problem) return problem;
    }
    return undefined;
  };

/** Checks the listed fields; other fields are allowed (newer producers may add some) but never read. */
const shape =
  (fields: Readonly<Record<string, Check>>): Check =>
  (v, at) => {
    if (!isRecord(v)) return `${at} should be an object`;
    for (const [key, check] of Object.entries(fields)) {
      const problem = check(v[key], `${at}.${key}`);
      if (problem) return problem;
    }
    return undefined;
  };

const position = shape({ line: num, character: num });
const range = shape({ start: position, end: position });

const layerSummary = shape({
  name: str,
  type: str,
  outputShape: list(num),
  params: num,
  bytes: num,
  flops: num,
  path: optional(list(scalar)),
});
const modelSummary = shape({
  origin: oneOf('config', 'model.json', 'graph-model', 'derived', 'onnx'),
  inputShape: list(num),
  layers: list(layerSummary),
  values: optional(list(shape({ name: str, outputShape: list(num) }))),
  params: num,
  bytes: num,
  flops: num,
  outputUnits: num,
});
const featurePair = shape({ teacher: str, student: str, projection: oneOf('none', 'linear'), weight: num });
const datasetInfo = shape({
  name: str,
  inputShape: list(num),
  classNames: list(str),
  classCounts: list(num),
  examples: num,
});
const panelDiagnostic = shape({
  code: str,
  severity: oneOf('error', 'warning', 'information', 'hint'),
  message: str,
  range,
  source: optional(str),
  fixTitles: list(str),
});

const reliabilityBin = shape({ from: num, to: num, confidence: num, accuracy: num, count: num });
const classMetrics = shape({ class: str, precision: num, recall: num, f1: num, support: num });
const metrics = shape({
  accuracy: num,
  loss: optional(num),
  agreement: num,
  kl_to_teacher: num,
  ece: num,
  reliability: list(reliabilityBin),
  fgsm_accuracy: optional(num),
  fgsm_epsilon: num,
  per_class: list(classMetrics),
  confusion: list(list(num)),
});
const modelResult = shape({
  label: str,
  params: num,
  nonzero_params: num,
  bytes: num,
  bytes_gzip: num,
  dtype: oneOf('float32', 'float16', 'int8', 'int4'),
  sparsity: num,
  latency: shape({ batch1_ms: num, batched_ms: num, batch_size: num }),
  metrics,
  seed_accuracies: optional(list(num)),
  model_dir: optional(str),
  bytes_file: optional(str),
});
const exportResult = shape({
  format: oneOf('tfjs', 'onnx'),
  path: str,
  files: list(str),
  bytes: num,
  bytes_gzip: num,
  weights: str,
  input: shape({ layout: oneOf('nhwc', 'nchw', 'features'), shape: list(scalar) }),
  runtime: str,
  accuracy: num,
  agreement: num,
  fidelity: shape({ agreement: num, max_logit_diff: num }),
  latency: shape({ batch1_ms: num, batched_ms: num, batch_size: num }),
});
const runStatus = oneOf('done', 'failed', 'cancelled');
const runReport = shape({
  schema_version: (v, at) => (v === 1 ? undefined : `${at} should be 1 (this panel reads report schema version 1)`),
  run_id: str,
  status: runStatus,
  error: optional(str),
  hint: optional(str),
  config_path: str,
  started: str,
  finished: str,
  backend: str,
  durations: record(num),
  dataset: optional(shape({ name: str, classes: list(str), train: num, validation: num, test: num, unlabeled: num })),
  distillation_gain: nullable(shape({ per_seed: list(num), mean: num, std: num, seeds: num })),
  teacher: optional(modelResult),
  assistant: optional(modelResult),
  student: optional(modelResult),
  baseline: optional(modelResult),
  pruned: optional(modelResult),
  quantized: optional(modelResult),
  exports: optional(list(exportResult)),
  warnings: list(str),
});

const role = oneOf('teacher', 'assistant', 'student', 'baseline', 'pruned', 'quantized');
const phaseName = oneOf(
  'data',
  'teacher',
  'assistant',
  'student',
  'baseline',
  'pruning',
  'quantization',
  'evaluation',
  'export',
  'report',
);
const runEventByType: Readonly<Record<RunEvent['type'], Check>> = {
  start: shape({
    run_id: str,
    run_dir: str,
    config_path: str,
    backend: str,
    pid: num,
    phases: list(phaseName),
    seeds: num,
    resumed: bool,
  }),
  phase: shape({ phase: phaseName, seed: optional(num), message: str }),
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
  }),
  eval: shape({ role, seed: optional(num), metrics, params: num, bytes: num }),
  warning: shape({ message: str, code: optional(str) }),
  done: shape({ report_path: str, summary: str }),
  failed: shape({ error: str, hint: optional(str) }),
  cancelled: shape({ reason: str }),
};
const runEvent: Check = (v, at) => {
  if (!isRecord(v)) return `${at} should be an object`;
  const problem = str(v.time, `${at}.time`);
  if (problem) return problem;
  const known = typeof v.type === 'string' && Object.prototype.hasOwnProperty.call(runEventByType, v.type);
  const check = known ? runEventByType[v.type as RunEvent['type']] : undefined;
  return check ? check(v, at) : `${at}.type should be one of ${Object.keys(runEventByType).join(', ')}`;
};

const sweepTrial = shape({
  id: str,
  index: num,
  params: record(scalar),
  status: oneOf('pending', 'running', 'done', 'failed', 'cancelled'),
  run_dir: str,
  objective: optional(num),
  metrics: optional(record(num)),
  error: optional(str),
  job_id: optional(str),
  attempts: num,
  started: optional(str),
  finished: optional(str),
});
const sweepIndex = shape({
  schema_version: (v, at) => (v === 1 ? undefined : `${at} should be 1 (this panel reads sweep schema version 1)`),
  sweep_id: str,
  config_path: str,
  created: str,
  updated: str,
  executor: oneOf('local', 'slurm'),
  method: oneOf('grid', 'random'),
  metric: str,
  goal: oneOf('maximize', 'minimize'),
  split: oneOf('validation', 'test'),
  parameters: list(shape({ path: str, values: list(scalar) })),
  budget: num,
  status: oneOf('running', 'done', 'failed', 'cancelled'),
  trials: list(sweepTrial),
  best: optional(shape({ trial: str, objective: num })),
});

const runListEntry = shape({
  id: str,
  status: oneOf('done', 'failed', 'cancelled', 'running', 'unreadable'),
  started: optional(str),
  studentAccuracy: optional(num),
  teacherAccuracy: optional(num),
  baselineAccuracy: optional(num),
  error: optional(str),
});

const HOST_PAYLOADS: Readonly<Record<keyof HostToWebview, Check>> = {
  init: shape({ kind: oneOf('config', 'run', 'sweep'), target: str, title: str }),
  analysis: shape({
    configName: str,
    teacher: optional(modelSummary),
    student: optional(modelSummary),
    features: list(featurePair),
    diagnostics: list(panelDiagnostic),
    dataset: optional(datasetInfo),
  }),
  runEvents: shape({ events: list(runEvent) }),
  runs: shape({ runs: list(runListEntry) }),
  report: shape({ runId: str, report: runReport }),
  sweep: shape({ sweep: sweepIndex }),
  notice: shape({ level: oneOf('info', 'error'), message: str }),
};

const WEBVIEW_PAYLOADS: Readonly<Record<keyof WebviewToHost, Check>> = {
  ready: shape({}),
  revealRange: shape({ range }),
  loadReport: shape({ runId: str }),
  openTrial: shape({ trialId: str }),
  revealExport: shape({ runId: str, path: str }),
  protocolError: shape({ message: str }),
};

function validateEnvelope<M>(value: unknown, payloads: Readonly<Record<string, Check>>, side: string): Validated<M> {
  if (!isRecord(value)) return { ok: false, error: `${side} message should be an object` };
  const { type, payload } = value;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(payloads, type)) {
    return {
      ok: false,
      error: `unknown ${side} message type ${JSON.stringify(type)}; expected one of ${Object.keys(payloads).join(', ')}`,
    };
  }
  const problem = payloads[type]?.(payload, `${type}.payload`);
  return problem ? { ok: false, error: `invalid ${side} message: ${problem}` } : { ok: true, message: value as M };
}

/** Validates a message the webview received from the host. */
export function validateHostMessage(value: unknown): Validated<HostMessage> {
  return validateEnvelope<HostMessage>(value, HOST_PAYLOADS, 'host');
}

/** Validates a message the host received from the webview. */
export function validateWebviewMessage(value: unknown): Validated<WebviewMessage> {
  return validateEnvelope<WebviewMessage>(value, WEBVIEW_PAYLOADS, 'webview');
}

/** Validates a parsed report.json (the host reads run directories with it before sending a report). */
export function checkRunReport(value: unknown): string | undefined {
  return runReport(value, 'report');
}

/** Validates a parsed sweep.json. */
export function checkSweepIndex(value: unknown): string | undefined {
  return sweepIndex(value, 'sweep');
}
