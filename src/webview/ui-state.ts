/**
 * What the panel remembers across reloads (VS Code getState/setState): which panel it is (the host's serializer
 * reads `init` to reopen it), the open view and the user's selections. Data is not stored: the host resends it.
 */
import type { PanelInit } from '../core/protocol/webview-messages';

export type ViewId = 'comparison' | 'risks' | 'training' | 'results' | 'runs' | 'sweep';
export type LayerMetric = 'params' | 'bytes' | 'flops';

export interface UiState {
  readonly init?: PanelInit;
  readonly view?: ViewId;
  /** Up to two run ids ticked in the Runs view for side-by-side comparison. */
  readonly selectedRuns: readonly string[];
  /** The run whose report the Results view shows; the newest report when unset. */
  readonly resultsRun?: string;
  readonly layerMetric: LayerMetric;
  readonly sweepSort?: { readonly column: string; readonly descending: boolean };
  /** Ids of the charts currently shown as tables. */
  readonly tables: readonly string[];
}

export const VIEWS: readonly ViewId[] = ['comparison', 'risks', 'training', 'results', 'runs', 'sweep'];
const METRICS: readonly LayerMetric[] = ['params', 'bytes', 'flops'];

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** Reads a saved state leniently: anything unrecognised falls back to the default rather than breaking the panel. */
export function restoreUiState(saved: unknown): UiState {
  const s = (typeof saved === 'object' && saved !== null ? saved : {}) as Record<string, unknown>;
  const init = s.init as Partial<PanelInit> | undefined;
  const validInit =
    init &&
    typeof init === 'object' &&
    (init.kind === 'config' || init.kind === 'run' || init.kind === 'sweep') &&
    typeof init.target === 'string' &&
    typeof init.title === 'string';
  const sort = s.sweepSort as { column?: unknown; descending?: unknown } | undefined;
  return {
    ...(validInit ? { init: { kind: init.kind!, target: init.target!, title: init.title! } } : {}),
    ...(typeof s.view === 'string' && (VIEWS as readonly string[]).includes(s.view) ? { view: s.view as ViewId } : {}),
    selectedRuns: strings(s.selectedRuns).slice(0, 2),
    ...(typeof s.resultsRun === 'string' ? { resultsRun: s.resultsRun } : {}),
    layerMetric:
      typeof s.layerMetric === 'string' && (METRICS as readonly string[]).includes(s.layerMetric)
        ? (s.layerMetric as LayerMetric)
        : 'params',
    ...(sort && typeof sort.column === 'string' && typeof sort.descending === 'boolean'
      ? { sweepSort: { column: sort.column, descending: sort.descending } }
      : {}),
    tables: strings(s.tables),
  };
}

/** The views a panel of each kind offers, in tab order. */
export function viewsOf(kind: PanelInit['kind']): readonly ViewId[] {
  switch (kind) {
    case 'config':
      return ['comparison', 'risks', 'training', 'results', 'runs'];
    case 'run':
      return ['results'];
    case 'sweep':
      return ['sweep'];
  }
}

export const VIEW_TITLES: Readonly<Record<ViewId, string>> = {
  comparison: 'Comparison',
  risks: 'Risks',
  training: 'Training',
  results: 'Results',
  runs: 'Runs',
  sweep: 'Sweep',
};
