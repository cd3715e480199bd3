/**
 * Sweep: the trials of a sweep as a sortable table (click or Enter on a column heading), a chart of the
 * objective against each swept parameter, and the best trial's run one click away.
 */
import type { SweepIndex, SweepTrial } from '../../core/protocol/sweep';
import { ChartCard, type TableToggle } from '../charts/chart-card';
import type { XYChartSpec } from '../charts/chart-spec';
import { h } from '../dom';
import { formatNumber } from '../../core/format/numbers';
import { columnKey, sortTrials, type SweepColumn } from './sweep-sort';
import { placeholder, type View } from './view';
import { MISSING } from '../../core/format/missing';

export interface SweepActions {
  sort(column: string, descending: boolean): void;
  openTrial(trialId: string): void;
}

export class SweepView implements View {
  readonly element: HTMLElement;
  private readonly cards: ChartCard[] = [];

  constructor(
    sweep: SweepIndex | undefined,
    sort: { column: string; descending: boolean } | undefined,
    tables: TableToggle,
    actions: SweepActions,
  ) {
    if (!sweep) {
      this.element = h('section', { class: 'view sweep' }, placeholder('Reading sweep.json…'));
      return;
    }
    const metricKeys = [...new Set(sweep.trials.flatMap((t) => Object.keys(t.metrics ?? {})))].sort();
    const columns: { column: SweepColumn; title: string }[] = [
      { column: { kind: 'id' }, title: 'Trial' },
      { column: { kind: 'status' }, title: 'Status' },
      ...sweep.parameters.map((p) => ({ column: { kind: 'param', key: p.path } as SweepColumn, title: p.path })),
      { column: { kind: 'objective' }, title: `${sweep.metric} (${sweep.split})` },
      ...metricKeys.map((k) => ({ column: { kind: 'metric', key: k } as SweepColumn, title: `test ${k}` })),
    ];
    const active =
      columns.find((c) => columnKey(c.column) === sort?.column) ?? columns.find((c) => c.column.kind === 'objective')!;
    const descending = sort && columnKey(active.column) === sort.column ? sort.descending : sweep.goal === 'maximize';
    const trials = sortTrials(sweep.trials, active.column, descending);
    const done = sweep.trials.filter((t) => t.status === 'done').length;
    const best = sweep.best ? sweep.trials.find((t) => t.id === sweep.best?.trial) : undefined;

    for (const parameter of sweep.parameters)
      this.cards.push(new ChartCard(parameterChart(sweep, parameter.path), tables));

    const headCells = columns.map(({ column, title }) => {
      const key = columnKey(column);
      const isActive = key === columnKey(active.column);
      const button = h(
        'button',
        { type: 'button', class: 'sort', 'data-column': key },
        title,
        isActive ? (descending ? ' ▼' : ' ▲') : '',
      );
      button.addEventListener('click', () =>
        actions.sort(key, isActive ? !descending : column.kind === 'objective' ? sweep.goal === 'maximize' : false),
      );
      return h(
        'th',
        { scope: 'col', 'aria-sort': isActive ? (descending ? 'descending' : 'ascending') : 'none' },
        button,
      );
    });
    const openButton = (trial: SweepTrial, label: string): HTMLButtonElement => {
      const button = h(
        'button',
        { type: 'button', class: 'link', 'data-open': trial.id, disabled: trial.status === 'pending' },
        label,
      );
      button.addEventListener('click', () => actions.openTrial(trial.id));
      return button;
    };
    const value = (v: number | string | boolean | undefined): string =>
      v === undefined ? MISSING : typeof v === 'number' ? formatNumber(v) : String(v);
    this.element = h(
      'section',
      { class: 'view sweep' },
      h('h2', {}, `Sweep ${sweep.sweep_id}`),
      h(
        'p',
        {},
        `${sweep.method} search on ${sweep.executor}, ${sweep.goal === 'maximize' ? 'maximising' : 'minimising'} ${sweep.metric} on the ${sweep.split} split · ${done} of ${sweep.budget} trials done · ${sweep.status}`,
      ),
      best && sweep.best
        ? h(
            'div',
            { class: 'best-trial' },
            'Best: ',
            h('strong', {}, best.id),
            ` with ${sweep.metric} ${formatNumber(sweep.best.objective)} (`,
            Object.entries(best.params)
              .map(([k, v]) => `${k} = ${String(v)}`)
              .join(', '),
            ') ',
            openButton(best, 'Open best run'),
          )
        : h('p', { class: 'placeholder' }, 'No trial has finished yet.'),
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { class: 'data-table sweep-trials' },
          h('caption', {}, 'Trials (select a column heading to sort)'),
          h('thead', {}, h('tr', {}, headCells, h('th', { scope: 'col' }, 'Run'))),
          h(
            'tbody',
            {},
            trials.map((t) =>
              h(
                'tr',
                { 'data-trial': t.id, class: t.id === best?.id ? 'best' : undefined },
                h('th', { scope: 'row' }, t.id),
                h('td', { 'data-state': t.status }, t.error ? `${t.status}: ${t.error}` : t.status),
                sweep.parameters.map((p) => h('td', { class: 'num' }, value(t.params[p.path]))),
                h('td', { class: 'num' }, value(t.objective)),
                metricKeys.map((k) => h('td', { class: 'num' }, value(t.metrics?.[k]))),
                h('td', {}, openButton(t, 'Open')),
              ),
            ),
          ),
        ),
      ),
      h(
        'div',
        { class: 'chart-grid' },
        this.cards.map((c) => c.element),
      ),
    );
  }

  dispose(): void {
    for (const card of this.cards) card.dispose();
  }
}

/** Objective against one parameter; non-numeric values are placed at their index in the parameter's value list. */
function parameterChart(sweep: SweepIndex, path: string): XYChartSpec {
  const values = sweep.parameters.find((p) => p.path === path)?.values ?? [];
  const numeric = values.every((v) => typeof v === 'number');
  const xOf = (v: number | string | boolean): number => (numeric ? Number(v) : values.indexOf(v));
  const finished = sweep.trials.filter((t) => t.objective !== undefined && t.params[path] !== undefined);
  return {
    kind: 'xy',
    id: `sweep-${path}`,
    title: `${sweep.metric} against ${path}`,
    xLabel: path,
    yLabel: `${sweep.metric} (${sweep.split})`,
    // Text and boolean values sit at their index, one tick each, with half a step of room on both sides.
    formatX: (x) => (numeric ? formatNumber(x) : Number.isInteger(x) ? String(values[x] ?? '') : ''),
    formatY: (y) => formatNumber(y),
    ...(numeric ? {} : { xMin: -0.5, xMax: values.length - 0.5, xTicks: values.map((_, i) => i) }),
    series: [
      {
        label: 'Trials',
        color: 'blue',
        pointsOnly: true,
        points: finished.map((t) => ({ x: xOf(t.params[path]!), y: t.objective! })).sort((a, b) => a.x - b.x),
      },
    ],
  };
}
