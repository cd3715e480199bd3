/**
 * Runs: the config's past runs, newest first. Each can be opened in the Results view; tick two to compare
 * them side by side (their reports are fetched from the host on demand).
 */
import { smallestExport } from '../../core/report/shipped-size';
import type { RunReport } from '../../core/protocol/report';
import type { RunListEntry } from '../../core/protocol/webview-messages';
import { columnHeader, h, textTable } from '../dom';
import { formatBytes } from '../../core/format/bytes';
import { formatPercent, formatPoints } from '../../core/format/percent';
import { placeholder, type View } from './view';
import { MISSING } from '../../core/format/missing';

export interface RunsActions {
  toggle(runId: string): void;
  open(runId: string): void;
}

export class RunsView implements View {
  readonly element: HTMLElement;

  constructor(
    runs: readonly RunListEntry[] | undefined,
    selected: readonly string[],
    reports: ReadonlyMap<string, RunReport>,
    actions: RunsActions,
  ) {
    if (!runs) {
      this.element = h('section', { class: 'view runs' }, placeholder('Looking for past runs…'));
      return;
    }
    if (runs.length === 0) {
      this.element = h(
        'section',
        { class: 'view runs' },
        placeholder('No runs of this config yet. Start training to create one.'),
      );
      return;
    }
    const pct = (v: number | undefined): string => formatPercent(v, 2);
    const rows = runs.map((run) => {
      const box = h('input', {
        type: 'checkbox',
        'aria-label': `Compare run ${run.id}`,
        checked: selected.includes(run.id),
        disabled: run.status === 'running' || run.status === 'unreadable',
      });
      box.addEventListener('change', () => actions.toggle(run.id));
      const open = h(
        'button',
        { type: 'button', class: 'link', disabled: run.status === 'running' || run.status === 'unreadable' },
        'Results',
      );
      open.addEventListener('click', () => actions.open(run.id));
      return h(
        'tr',
        { 'data-run': run.id },
        h('td', {}, box),
        h('th', { scope: 'row' }, run.id),
        h('td', { 'data-state': run.status }, run.status),
        h('td', {}, run.started ?? '—'),
        h('td', { class: 'num' }, pct(run.teacherAccuracy)),
        h('td', { class: 'num' }, pct(run.baselineAccuracy)),
        h('td', { class: 'num' }, pct(run.studentAccuracy)),
        h('td', {}, open),
        h('td', { class: 'error-text' }, run.error ?? ''),
      );
    });
    this.element = h(
      'section',
      { class: 'view runs' },
      h('p', {}, 'Tick two runs to compare them.'),
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { class: 'data-table run-list' },
          h('caption', {}, 'Past runs, newest first'),
          columnHeader(['Compare', 'Run', 'Status', 'Started', 'Teacher', 'Baseline', 'Student', '', 'Problem']),
          h('tbody', {}, rows),
        ),
      ),
      comparison(selected, reports),
    );
  }

  dispose(): void {
    /* no charts */
  }
}

function comparison(selected: readonly string[], reports: ReadonlyMap<string, RunReport>): HTMLElement | null {
  if (selected.length < 2) return null;
  const [a, b] = selected as [string, string];
  const ra = reports.get(a);
  const rb = reports.get(b);
  if (!ra || !rb) return h('p', { class: 'placeholder' }, 'Loading the two reports…');
  type Pick = (r: RunReport) => number | undefined;
  const line = (label: string, pick: Pick, show: (v: number) => string, delta: (d: number) => string): string[] => {
    const va = pick(ra);
    const vb = pick(rb);
    return [
      label,
      va === undefined ? MISSING : show(va),
      vb === undefined ? MISSING : show(vb),
      va === undefined || vb === undefined ? MISSING : delta(vb - va),
    ];
  };
  const pct = (v: number): string => formatPercent(v, 2);
  const rows = [
    line('Student accuracy', (r) => r.student?.metrics.accuracy, pct, formatPoints),
    line('Baseline accuracy', (r) => r.baseline?.metrics.accuracy, pct, formatPoints),
    line('Teacher accuracy', (r) => r.teacher?.metrics.accuracy, pct, formatPoints),
    line('Distillation gain', (r) => r.distillation_gain?.mean, formatPoints, formatPoints),
    line('Student agreement', (r) => r.student?.metrics.agreement, pct, formatPoints),
    line('Student ECE', (r) => r.student?.metrics.ece, pct, formatPoints),
    line('Student FGSM accuracy', (r) => r.student?.metrics.fgsm_accuracy, pct, formatPoints),
    line(
      'Shipped model accuracy (smallest export, loaded back)',
      (r) => smallestExport(r)?.accuracy,
      pct,
      formatPoints,
    ),
    line(
      'Shipped model size (smallest export, gzipped)',
      (r) => smallestExport(r)?.bytes_gzip,
      formatBytes,
      (d) => `${d >= 0 ? '+' : '−'}${formatBytes(Math.abs(d))}`,
    ),
  ];
  const table = textTable(`Run ${a} against run ${b}`, ['', a, b, `${b} − ${a}`], rows);
  table.classList.add('run-comparison');
  return table;
}
