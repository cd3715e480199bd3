/**
 * Training: live curves of the config's current run (loss with its soft/hard/feature terms, train and
 * validation accuracy, learning rate) per role, with the current phase, progress and ETA. Points are appended
 * to the charts' own arrays as events arrive; the charts redraw at most once per frame.
 */
import type { RunEvent } from '../../core/protocol/run-events';
import { ChartCard, type TableToggle } from '../charts/chart-card';
import type { XYChartSpec } from '../charts/chart-spec';
import { append, clear, columnHeader, h } from '../dom';
import { formatDuration } from '../../core/format/duration';
import { formatNumber, formatScientific } from '../../core/format/numbers';
import { formatPercent } from '../../core/format/percent';
import { type TrainingModel, type CurveChart, describeSearchProgress } from '../training-model';
import { placeholder, type View } from './view';

const SPECS: Readonly<Record<CurveChart, Omit<XYChartSpec, 'series'>>> = {
  loss: {
    kind: 'xy',
    live: true,
    id: 'training-loss',
    title: 'Loss',
    description:
      "Solid: total loss per role. Dashed, by pattern: the student's soft (distillation, long dashes), hard (labels, dots) and feature (dash-dot) terms, and validation loss.",
    xLabel: 'Epoch',
    yLabel: 'Loss',
    formatX: (v) => formatNumber(v),
    formatY: (v) => formatNumber(v),
  },
  accuracy: {
    kind: 'xy',
    live: true,
    id: 'training-accuracy',
    title: 'Accuracy',
    description: 'Solid: training accuracy. Dashed: validation accuracy.',
    xLabel: 'Epoch',
    yLabel: 'Accuracy',
    formatX: (v) => formatNumber(v),
    formatY: (v) => formatPercent(v),
    yMin: 0,
    yMax: 1,
  },
  learningRate: {
    kind: 'xy',
    live: true,
    id: 'training-lr',
    title: 'Learning rate',
    xLabel: 'Epoch',
    yLabel: 'Learning rate',
    formatX: (v) => formatNumber(v),
    formatY: (v) => formatScientific(v, 2),
  },
};

export class TrainingView implements View {
  readonly element: HTMLElement;
  private readonly statusBox = h('div', { class: 'training-status', role: 'status' });
  private readonly warningsBox = h('ul', { class: 'training-warnings' });
  /** The compression search's points, grouped under one line (kept, so a reader's open/closed choice survives redraws). */
  private readonly searchSummary = h('summary', {});
  private readonly searchRows = h('tbody', {});
  private readonly searchBox = h(
    'details',
    { class: 'search-points', hidden: true },
    this.searchSummary,
    h(
      'table',
      { class: 'data-table' },
      columnHeader(['Point', 'Position', 'Latest step', 'Latest result']),
      this.searchRows,
    ),
  );
  private readonly chartsBox = h('div', { class: 'chart-grid' });
  private cards = new Map<CurveChart, ChartCard>();
  private statusPending = false;

  constructor(
    private readonly model: TrainingModel,
    private readonly tables: TableToggle,
  ) {
    this.element = h(
      'section',
      { class: 'view training' },
      this.statusBox,
      this.searchBox,
      this.warningsBox,
      this.chartsBox,
    );
    this.rebuildCharts();
    this.renderStatus();
  }

  /** Events already applied to the model (by the app); `created` series are added to the charts. */
  update(events: readonly RunEvent[], restarted: boolean): void {
    if (restarted) this.rebuildCharts();
    else this.syncSeries();
    for (const card of this.cards.values()) card.changed();
    if (events.length > 0) this.scheduleStatus();
  }

  /** Live runs can send hundreds of events a second: the status line is redrawn at most once per frame. */
  private scheduleStatus(): void {
    if (this.statusPending) return;
    this.statusPending = true;
    requestAnimationFrame(() => {
      this.statusPending = false;
      this.renderStatus();
    });
  }

  private rebuildCharts(): void {
    for (const card of this.cards.values()) card.dispose();
    this.cards = new Map();
    clear(this.chartsBox);
    if (this.model.curves.length === 0) {
      this.chartsBox.appendChild(
        placeholder('No training events yet. Start training on this config to see live curves here.'),
      );
      return;
    }
    this.syncSeries();
  }

  private syncSeries(): void {
    if (this.cards.size === 0 && this.model.curves.length > 0) clear(this.chartsBox);
    for (const chart of ['loss', 'accuracy', 'learningRate'] as const) {
      const wanted = this.model.curves.filter((c) => c.chart === chart).map((c) => c.series);
      if (wanted.length === 0) continue;
      let card = this.cards.get(chart);
      if (!card) {
        card = new ChartCard({ ...SPECS[chart], series: [...wanted] }, this.tables);
        this.cards.set(chart, card);
        this.chartsBox.appendChild(card.element);
        continue;
      }
      for (const series of wanted.slice(card.seriesCount())) card.addSeries(series);
    }
  }

  private renderStatus(): void {
    const s = this.model.status;
    clear(this.statusBox);
    clear(this.warningsBox);
    if (s.state === 'idle') return;
    const epoch = s.lastEpoch
      ? `${s.lastEpoch.role}${s.seeds > 1 ? ` seed ${s.lastEpoch.seed}` : ''}: epoch ${s.lastEpoch.epoch} of ${s.lastEpoch.epochs}`
      : undefined;
    append(this.statusBox, [
      h(
        'span',
        { class: `run-state state-${s.state}`, 'data-state': s.state },
        s.state === 'running' ? 'Running' : s.state === 'done' ? 'Done' : s.state === 'failed' ? 'Failed' : 'Cancelled',
      ),
      s.runId ? h('span', { class: 'run-id' }, `Run ${s.runId}${s.backend ? ` on ${s.backend}` : ''}`) : null,
      s.phase
        ? h(
            'span',
            { class: 'phase', 'data-phase': s.phase },
            `Phase: ${s.phase}${s.phaseMessage ? ` — ${s.phaseMessage}` : ''}`,
          )
        : null,
      epoch ? h('span', { class: 'epoch' }, epoch) : null,
      s.state === 'running' && s.etaSeconds !== undefined
        ? h('span', { class: 'eta' }, `ETA ${formatDuration(s.etaSeconds)}`)
        : null,
      s.summary ? h('span', { class: 'summary' }, s.summary) : null,
      s.error ? h('span', { class: 'error-text' }, s.error) : null,
      s.hint ? h('span', { class: 'hint' }, s.hint) : null,
    ]);
    for (const warning of this.model.warnings) this.warningsBox.appendChild(h('li', {}, warning));
    this.renderSearch();
  }

  private renderSearch(): void {
    const search = this.model.search;
    this.searchBox.hidden = !search;
    clear(this.searchRows);
    if (!search) return;
    this.searchSummary.textContent = describeSearchProgress(search).replace(/^c/, 'C');
    for (const point of search.points)
      this.searchRows.appendChild(
        h(
          'tr',
          { 'data-point': point.id },
          h('th', { scope: 'row' }, point.id),
          h('td', {}, `${point.index} of ${search.total}`),
          h('td', {}, point.step),
          h('td', {}, point.result ?? ''),
        ),
      );
  }

  dispose(): void {
    for (const card of this.cards.values()) card.dispose();
  }
}
