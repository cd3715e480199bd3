/**
 * The live state of a training run, built from its events: phase, ETA, status, warnings, and the curves
 * (loss and its soft/hard/feature terms, train/validation accuracy, learning rate) per role and seed.
 * Pure: the Training view draws it and the tests check it.
 */
import type { EpochEvent, ModelRole, PhaseName, RunEvent } from '../core/protocol/run-events';
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
  private readonly byKey = new Map<string, XYSeries>();
  /** Every series in creation order, with the chart it belongs to. */
  readonly curves: CurveSeries[] = [];

  /**
   * Applies one event. Returns the series it created (the caller adds them to its charts) and whether the
   * run restarted (a `start` event: the caller drops its old charts).
   */
  apply(event: RunEvent): { readonly created: CurveSeries[]; readonly restarted: boolean } {
    switch (event.type) {
      case 'start':
        this.byKey.clear();
        this.curves.length = 0;
        this.warnings.length = 0;
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
