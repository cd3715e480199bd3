/**
 * The live state of a training run, built from its events: phase, ETA, status, warnings, and the curves
 * (loss and its soft/hard/feature terms, train/validation accuracy, learning rate) per role and seed.
 * Pure: the Training view draws it and the tests check it.
 */
import type { EpochEvent, ModelRole, PhaseName, RunEvent, SearchPointTag } from '../core/protocol/run-events';
import { describeEpoch, describeEval, describeSearchPoint, searchPointOf } from '../core/format/run-event-text';
import type { XYSeries } from './charts/chart-spec';
import { ROLE_COLORS } from './theme';

export type CurveChart = 'loss' | 'accuracy' | 'learningRate';

export interface CurveSeries {
  readonly chart: CurveChart;
  readonly series: XYSeries;
}

export interface TrainingStatus {
  readonly state: 'idle' | 'running' | 'done' | 'failed' | 'cancelled';
  readonly runId?: string;
  readonly backend?: string;
  readonly phases: readonly PhaseName[];
  readonly phase?: PhaseName;
  readonly phaseMessage?: string;
  readonly seeds: number;
  readonly etaSeconds?: number;
  readonly lastEpoch?: {
    readonly role: ModelRole;
    readonly seed: number;
    readonly epoch: number;
    readonly epochs: number;
  };
  readonly summary?: string;
  readonly error?: string;
  readonly hint?: string;
}

/** One point of the accuracy-aware compression search, as its tagged events left it. */
export interface SearchPointRow {
  readonly id: string;
  readonly index: number;
  /** Its latest phase message or epoch line. */
  step: string;
  /** Its latest evaluation ("quantized: test accuracy 90.3% · agreement 93.5%"). */
  result?: string;
}

/** The compression search's points grouped (they would otherwise read as the run's own phases and evaluations). */
export interface SearchProgress {
  readonly total: number;
  /** The furthest point reached (points a resumed search had finished send no events). */
  reached: number;
  readonly points: SearchPointRow[];
}

/** Terms of one role share its colour; each kind of curve has its own dash so they stay apart without colour. */
const DASHES = {
  validation: [6, 4],
  soft: [10, 3],
  hard: [2, 3],
  feature: [8, 3, 2, 3],
} as const satisfies Readonly<Record<string, readonly number[]>>;

const EMPTY: TrainingStatus = { state: 'idle', phases: [], seeds: 1 };

export class TrainingModel {
  status: TrainingStatus = EMPTY;
  readonly warnings: string[] = [];
  /** The compression search's points, once one of their events arrived. */
  search: SearchProgress | undefined;
  private readonly byKey = new Map<string, XYSeries>();
  /** Every series in creation order, with the chart it belongs to. */
  readonly curves: CurveSeries[] = [];

  /**
   * Applies one event. Returns the series it created (the caller adds them to its charts) and whether the
   * run restarted (a `start` event: the caller drops its old charts).
   */
  apply(event: RunEvent): { readonly created: CurveSeries[]; readonly restarted: boolean } {
    const point = searchPointOf(event);
    if (point) {
      this.applySearchPoint(event, point);
      return { created: [], restarted: false };
    }
    switch (event.type) {
      case 'start':
        this.byKey.clear();
        this.curves.length = 0;
        this.warnings.length = 0;
        this.search = undefined;
        this.status = {
          state: 'running',
          runId: event.run_id,
          backend: event.backend,
          phases: event.phases,
          seeds: event.seeds,
        };
        return { created: [], restarted: true };
      case 'phase':
        this.status = { ...this.status, state: 'running', phase: event.phase, phaseMessage: event.message };
        return { created: [], restarted: false };
      case 'epoch':
        return { created: this.addEpoch(event), restarted: false };
      case 'warning':
        this.warnings.push(event.code ? `${event.message} (${event.code})` : event.message);
        return { created: [], restarted: false };
      case 'done':
        this.status = { ...this.status, state: 'done', summary: event.summary, etaSeconds: 0 };
        return { created: [], restarted: false };
      case 'failed':
        this.status = {
          ...this.status,
          state: 'failed',
          error: event.error,
          ...(event.hint !== undefined ? { hint: event.hint } : {}),
        };
        return { created: [], restarted: false };
      case 'cancelled':
        this.status = { ...this.status, state: 'cancelled', error: event.reason };
        return { created: [], restarted: false };
      case 'eval':
        return { created: [], restarted: false };
    }
  }

  /**
   * A search point's event: its row beneath the search is updated, the status says how far the search is, and its
   * fine-tuning epochs draw no curves (every point restarts at epoch 1: they would pile onto the run's own).
   */
  private applySearchPoint(event: RunEvent, point: SearchPointTag): void {
    const search = (this.search ??= { total: point.total, reached: 0, points: [] });
    search.reached = Math.max(search.reached, point.index);
    let row = search.points.find((p) => p.id === point.id);
    if (!row) {
      row = { id: point.id, index: point.index, step: '' };
      search.points.push(row);
    }
    const progress = { phase: 'search' as const, phaseMessage: describeSearchProgress(search) };
    if (event.type === 'phase') {
      row.step = event.message;
      this.status = { ...this.status, state: 'running', ...progress };
    } else if (event.type === 'epoch') {
      row.step = describeEpoch(event);
      this.status = {
        ...this.status,
        ...progress,
        ...(event.eta_seconds !== undefined ? { etaSeconds: event.eta_seconds } : {}),
      };
    } else if (event.type === 'eval') row.result = describeEval(event);
    else if (event.type === 'warning')
      this.warnings.push(`${describeSearchPoint(point)}: ${event.message}${event.code ? ` (${event.code})` : ''}`);
  }

  private addEpoch(event: EpochEvent): CurveSeries[] {
    const created: CurveSeries[] = [];
    const { role, seed, epoch } = event;
    this.status = {
      ...this.status,
      state: 'running',
      lastEpoch: { role, seed, epoch, epochs: event.epochs },
      ...(event.eta_seconds !== undefined ? { etaSeconds: event.eta_seconds } : {}),
    };
    const who = this.status.seeds > 1 || seed > 1 ? `${role} (seed ${seed})` : role;
    const put = (chart: CurveChart, name: string, y: number | undefined, dash?: readonly number[]): void => {
      if (y === undefined || !Number.isFinite(y)) return;
      const key = `${chart}|${role}|${seed}|${name}`;
      let series = this.byKey.get(key);
      if (!series) {
        series = {
          label: name ? `${who} ${name}` : who,
          color: ROLE_COLORS[role],
          points: [],
          ...(dash ? { dash } : {}),
        };
        this.byKey.set(key, series);
        const curve = { chart, series };
        this.curves.push(curve);
        created.push(curve);
      }
      series.points.push({ x: epoch, y });
    };
    put('loss', 'loss', event.loss);
    put('loss', 'soft term', event.loss_terms?.soft, DASHES.soft);
    put('loss', 'hard term', event.loss_terms?.hard, DASHES.hard);
    put('loss', 'feature term', event.loss_terms?.feature, DASHES.feature);
    put('loss', 'validation loss', event.val_loss, DASHES.validation);
    put('accuracy', 'train', event.train_accuracy);
    put('accuracy', 'validation', event.val_accuracy, DASHES.validation);
    put('learningRate', '', event.learning_rate);
    return created;
  }
}

/** "compression search: 3 of 12 points" */
export function describeSearchProgress(search: Pick<SearchProgress, 'reached' | 'total'>): string {
  return `compression search: ${search.reached} of ${search.total} points`;
}
