/**
 * The run's shipped files (report.json `exports`), each measured by loading it back in its runtime, with a
 * button that asks the extension to reveal the file. Without exports (runs made before them) it says how to
 * make them rather than quote an internal file's size.
 */
import type { ExportResult, RunReport } from '../../core/protocol/report';
import { formatBytes } from '../../core/format/bytes';
import { formatMs } from '../../core/format/duration';
import { formatPercent } from '../../core/format/percent';
import { columnHeader, h } from '../dom';

export type RevealExport = (path: string) => void;

function row(entry: ExportResult, reveal: RevealExport): HTMLTableRowElement {
  const button = h(
    'button',
    { type: 'button', class: 'link', 'data-reveal-export': entry.path, 'aria-label': `Reveal ${entry.path}` },
    'Reveal',
  );
  button.addEventListener('click', () => reveal(entry.path));
  const cells = [
    `${entry.weights}`,
    `${entry.input.layout} [${entry.input.shape.join(', ')}]`,
    formatBytes(entry.bytes),
    formatBytes(entry.bytes_gzip),
    formatPercent(entry.accuracy, 2),
    formatPercent(entry.agreement, 2),
    formatPercent(entry.fidelity.agreement, 2),
    formatMs(entry.latency.batch1_ms),
    entry.runtime,
  ];
  return h(
    'tr',
    { 'data-export': entry.format },
    h('th', { scope: 'row' }, h('code', {}, entry.path)),
    cells.map((cell, i) => h('td', { class: i >= 2 && i <= 7 ? 'num' : undefined }, cell)),
    h('td', {}, button),
  );
}

export function exportsSection(report: RunReport, reveal: RevealExport): HTMLElement | null {
  if (report.status !== 'done' && !report.exports?.length) return null;
  const exports = report.exports ?? [];
  const heading = h('h3', {}, 'Exports: the files to ship');
  if (!exports.length)
    return h(
      'section',
      { class: 'exports' },
      heading,
      h(
        'p',
        { class: 'exports-missing' },
        'This run has no exports yet: `distillery export RUN_DIR` writes and measures them.',
      ),
    );
  const header = [
    'File',
    'Weights',
    'Input',
    'Size',
    'Gzipped',
    'Accuracy',
    'Agreement with teacher',
    'Same top-1 as the run',
    'Latency, batch of 1',
    'Runtime',
    '',
  ];
  return h(
    'section',
    { class: 'exports' },
    heading,
    h(
      'table',
      { class: 'data-table exports-table' },
      h('caption', {}, 'Each file loaded back with the runtime a user would use and measured on the test split'),
      columnHeader(header),
      h(
        'tbody',
        {},
        exports.map((entry) => row(entry, reveal)),
      ),
    ),
  );
}
