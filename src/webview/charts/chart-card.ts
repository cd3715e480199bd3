/**
 * One chart with its table view: a titled figure, a toggle button (the choice is remembered per chart), and
 * either a Chart.js canvas or the same numbers as a table. Live charts append points and call `changed()`;
 * redraws are batched to one per animation frame however many points arrive.
 */
import type { ChartConfiguration, ChartDataset, Scale } from 'chart.js';
import { clear, h } from '../dom';
import { seriesColor } from '../theme';
import { Chart } from './chart-setup';
import type { ChartSpec, XYPoint, XYSeries } from './chart-spec';
import { chartTable } from './chart-table';

export interface TableToggle {
  isTable(chartId: string): boolean;
  setTable(chartId: string, showTable: boolean): void;
}

const liveCards = new Set<ChartCard>();

/**
 * A frozen copy of a series' points for Chart.js. Chart.js hooks `push` on any extensible data array and
 * re-syncs its element arrays once per pushed call, which is quadratic for a live curve fed point by point;
 * a frozen snapshot per frame is linear (measured in bench/webview.bench.ts).
 */
function snapshot(points: readonly XYPoint[]): XYPoint[] {
  return Object.freeze(points.slice()) as XYPoint[];
}

/** Re-colours every chart on screen (after a theme change). */
export function recolourCharts(): void {
  for (const card of liveCards) card.recolour();
}

export class ChartCard {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly toggle: HTMLButtonElement;
  private chart: Chart | undefined;
  private pending = false;
  private seriesAdded = false;
  private box: HTMLElement | undefined;

  constructor(
    private readonly spec: ChartSpec,
    private readonly tables: TableToggle,
  ) {
    this.toggle = h('button', { type: 'button', class: 'table-toggle', 'aria-pressed': 'false' });
    this.toggle.addEventListener('click', () => {
      this.tables.setTable(spec.id, !this.tables.isTable(spec.id));
      this.render();
    });
    this.body = h('div', { class: 'chart-body' });
    this.element = h(
      'figure',
      { class: 'chart-card', 'data-chart': spec.id },
      h('figcaption', {}, h('span', { class: 'chart-title' }, spec.title), this.toggle),
      spec.description ? h('p', { class: 'chart-description' }, spec.description) : null,
      this.body,
    );
    liveCards.add(this);
    this.render();
  }

  /** Adds a series to a live chart (its points may keep growing). */
  addSeries(series: XYSeries): void {
    if (this.spec.kind !== 'xy') throw new Error(`chart ${this.spec.id} has categories, not series of points`);
    this.spec.series.push(series);
    this.chart?.data.datasets.push(this.dataset(series));
    this.seriesAdded = true;
    this.fitLegend();
    this.changed();
  }

  seriesCount(): number {
    return this.spec.series.length;
  }

  /** The data changed: redraw on the next animation frame. */
  changed(): void {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      if (this.tables.isTable(this.spec.id)) {
        this.renderTable();
        return;
      }
      if (!this.chart) return;
      let stale = this.seriesAdded;
      this.seriesAdded = false;
      if (this.spec.kind === 'xy') {
        this.spec.series.forEach((series, i) => {
          const dataset = this.chart?.data.datasets[i];
          if (dataset && dataset.data.length !== series.points.length) {
            dataset.data = snapshot(series.points);
            stale = true;
          }
        });
      }
      // A chart created this frame already drew what it has; redraw only when points or series arrived since.
      if (stale) this.chart.update('none');
    });
  }

  recolour(): void {
    if (!this.chart) return;
    this.chart.destroy();
    this.chart = undefined;
    this.render();
  }

  dispose(): void {
    liveCards.delete(this);
    this.chart?.destroy();
    this.chart = undefined;
  }

  private render(): void {
    const showTable = this.tables.isTable(this.spec.id);
    this.toggle.textContent = showTable ? 'Show chart' : 'Show table';
    this.toggle.setAttribute('aria-pressed', String(showTable));
    this.toggle.setAttribute('aria-label', `${showTable ? 'Show chart' : 'Show table'}: ${this.spec.title}`);
    if (showTable) {
      this.chart?.destroy();
      this.chart = undefined;
      this.renderTable();
      return;
    }
    clear(this.body);
    const canvas = h('canvas', {
      role: 'img',
      'aria-label': `${this.spec.title}: chart; use "Show table" for the numbers`,
    });
    const box = h('div', { class: 'chart-box' }, canvas);
    this.box = box;
    this.fitLegend();
    this.body.appendChild(box);
    this.chart = new Chart(canvas, this.config());
  }
  /**
   * Runs over several seeds give a chart many series, and Chart.js takes the legend's rows out of the plot's
   * height: grow the box by a legend row per two series beyond the first four so the plot keeps its size.
   */
  private fitLegend(): void {
    if (!this.box) return;
    const extraRows = Math.max(0, Math.ceil(this.spec.series.length / 2) - 2);
    this.box.style.height = `${260 + 22 * extraRows}px`;
  }

  private renderTable(): void {
    clear(this.body);
    this.body.appendChild(h('div', { class: 'table-scroll' }, chartTable(this.spec)));
  }

  private dataset(series: XYSeries): ChartDataset<'line', XYPoint[]> {
    const colour = seriesColor(series.color);
    return {
      label: series.label,
      data: snapshot(series.points),
      borderColor: colour,
      backgroundColor: colour,
      borderWidth: 2,
      borderDash: series.dash ? [...series.dash] : [],
      showLine: !series.pointsOnly,
      pointRadius: series.pointRadius ?? (series.pointsOnly ? 4 : this.spec.kind === 'xy' && this.spec.live ? 0 : 3),
      pointHitRadius: 6,
      parsing: false,
      normalized: true,
    };
  }

  private config(): ChartConfiguration {
    const spec = this.spec;
    const y = {
      title: { display: true, text: spec.yLabel },
      min: spec.yMin,
      max: spec.yMax,
      ticks: { callback: (v: string | number) => spec.formatY(Number(v)) },
    };
    if (spec.kind === 'bar') {
      return {
        type: 'bar',
        data: {
          labels: [...spec.categories],
          datasets: spec.series.map((s) => ({
            label: s.label,
            data: [...s.values],
            backgroundColor: seriesColor(s.color),
            borderColor: seriesColor(s.color),
            borderWidth: 1,
          })),
        },
        options: {
          scales: { x: { title: { display: true, text: spec.xLabel } }, y },
          plugins: {
            tooltip: {
              callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${spec.formatY(Number(item.parsed.y))}` },
            },
          },
        },
      };
    }
    return {
      type: 'line',
      data: { datasets: spec.series.map((s) => this.dataset(s)) },
      options: {
        scales: {
          x: {
            type: 'linear',
            title: { display: true, text: spec.xLabel },
            min: spec.xMin,
            max: spec.xMax,
            ticks: { callback: (v: string | number) => spec.formatX(Number(v)) },
            ...(spec.xTicks
              ? {
                  afterBuildTicks: (axis: Scale) => {
                    axis.ticks = (spec.xTicks ?? []).map((value) => ({ value }));
                  },
                }
              : {}),
          },
          y: { ...y, type: 'linear' },
        },
        plugins: {
          tooltip: {
            callbacks: {
              label: (item) =>
                `${item.dataset.label ?? ''}: ${spec.formatY(Number(item.parsed.y))} at ${spec.formatX(Number(item.parsed.x))}`,
            },
          },
          // Long live curves: draw the min and max per pixel column instead of every point (the table keeps them all).
          decimation: { enabled: Boolean(spec.live), algorithm: 'min-max' },
        },
      },
    } as ChartConfiguration;
  }
}
