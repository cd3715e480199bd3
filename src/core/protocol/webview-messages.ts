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
import { isRecord, list, num, oneOf, optional, scalar, shape, str, type Check } from './checks';
import { runEventCheck, type RunEvent } from './run-events';
import { RUN_STATES, type RunState } from '../runs/run-state';
import { runReportCheck, type RunReport } from './report';
import { sweepIndexCheck, type SweepIndex } from './sweep';

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
  /** The student after structured pruning (`compression.pruning.structure: units`), shown next to the student. */
  readonly pruned?: ModelSummary;
  readonly features: readonly FeaturePair[];
  readonly diagnostics: readonly PanelDiagnostic[];
  readonly dataset?: DatasetInfo;
}

/** One past run of a config, as listed in the Runs view (the full report is loaded on selection). */
export interface RunListEntry {
  /** Run directory name, unique within the config's output folder. */
  readonly id: string;
  /** As core/runs lists it: `running` when the directory has no report yet; `unreadable` when its report is refused. */
  readonly status: RunState;
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
// Payload checks (the report, run-event and sweep validators live next to their types).

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

const runListEntry = shape({
  id: str,
  status: oneOf(...RUN_STATES),
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
    pruned: optional(modelSummary),
    features: list(featurePair),
    diagnostics: list(panelDiagnostic),
    dataset: optional(datasetInfo),
  }),
  runEvents: shape({ events: list(runEventCheck) }),
  runs: shape({ runs: list(runListEntry) }),
  report: shape({ runId: str, report: runReportCheck }),
  sweep: shape({ sweep: sweepIndexCheck }),
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
