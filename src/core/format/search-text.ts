/**
 * The accuracy-aware search (`compression_search` of a report) for people: one row per tried point (the same
 * cells in report.md, the CLI table and the panel's table), the chosen point's summary line. Pure.
 */
import type { CompressionSearch, SearchPoint } from '../protocol/compression-search';
import { formatBytes } from './bytes';
import { formatMs } from './duration';
import { formatPercent, formatPoints } from './percent';
import { formatRatioOf } from './ratio';
import { MISSING } from './missing';
import { textTable } from './text-table';

const pct = (share: number): string => formatPercent(share, 2);

export const SEARCH_COLUMNS: readonly string[] = [
  'point',
  'pruning',
  'weights',
  'val. accuracy',
  'change',
  'shipped',
  'smaller',
  'latency b=1',
  '',
];

/** How a point is pruned: "none", "units 50%", "unstructured 25%". */
export function describePruning(point: Pick<SearchPoint, 'structure' | 'sparsity'>): string {
  return point.structure === 'none' ? 'none' : `${point.structure} ${formatPercent(point.sparsity, 0)}`;
}

function marks(search: CompressionSearch, point: SearchPoint): string {
  return [
    point.id === search.chosen ? 'chosen' : '',
    search.front.includes(point.id) ? 'front' : '',
    point.within_target ? '' : 'outside target',
  ]
    .filter(Boolean)
    .join(', ');
}

/** The search's reference point: the uncompressed student. */
export function referenceOf(search: CompressionSearch): SearchPoint | undefined {
  return search.points.find((p) => p.id === search.reference);
}

/** Every point as tried (the reference named as the student); cells as SEARCH_COLUMNS. */
export function searchRows(search: CompressionSearch): string[][] {
  const ref = referenceOf(search);
  return [
    ...search.points.map((p) => [
      p.id === search.reference ? `${p.id} (student)` : p.id,
      describePruning(p),
      `${p.dtype}${p.aware ? ' (aware)' : ''}`,
      pct(p.validation_accuracy),
      formatPoints(-p.accuracy_drop / 100),
      formatBytes(p.bytes),
      formatRatioOf(ref?.bytes, p.bytes),
      formatMs(p.batch1_ms),
      marks(search, p),
    ]),
  ];
}

/** "units50-int8: 12.3 KiB, 4.12× smaller than the student, -0.40 pt on validation (target 1 pt); test accuracy 96.10%". */
export function describeChosen(search: CompressionSearch): string {
  const chosen = search.points.find((p) => p.id === search.chosen);
  if (!chosen) return `chosen point ${search.chosen} is missing from the points`;
  const ref = referenceOf(search);
  const verdict =
    search.outcome === 'compressed'
      ? `within the target of ${search.max_accuracy_drop} pt`
      : search.outcome === 'none_within_target'
        ? `NO compressed point stays within ${search.max_accuracy_drop} pt: the student is kept uncompressed`
        : `no compressed point within ${search.max_accuracy_drop} pt ships fewer bytes: the student is kept uncompressed`;
  return `${chosen.id} (${describePruning(chosen)}, ${chosen.dtype}${chosen.aware ? ' quantization-aware' : ''}): ${formatBytes(chosen.bytes)} shipped, ${formatRatioOf(ref?.bytes, chosen.bytes)} smaller than the float student (${formatBytes(ref?.bytes)}); ${formatPoints(-chosen.accuracy_drop / 100)} on validation, ${verdict}; test accuracy ${pct(chosen.test_accuracy)} (student ${ref ? pct(ref.test_accuracy) : MISSING})`;
}

/** The front as "id (size, validation accuracy)", smallest first. */
export function describeFront(search: CompressionSearch): string {
  return search.front
    .map((id) => search.points.find((p) => p.id === id))
    .filter((p): p is SearchPoint => p !== undefined)
    .map((p) => `${p.id} (${formatBytes(p.bytes)}, ${pct(p.validation_accuracy)})`)
    .join(' < ');
}

export function searchMarkdown(search: CompressionSearch | undefined): string[] {
  if (!search) return [];
  return [
    '## Accuracy-aware compression',
    '',
    `Smallest shipped model within ${search.max_accuracy_drop} accuracy point(s) of the distilled student on the validation split (objective: ${search.objective}); sizes are the smallest export file of each point.`,
    '',
    `- Chosen: ${describeChosen(search)}`,
    `- Size/accuracy Pareto front (validation): ${describeFront(search)}`,
    '',
    `| ${SEARCH_COLUMNS.map((c) => c || 'note').join(' | ')} |`,
    `|${SEARCH_COLUMNS.map(() => '---').join('|')}|`,
    ...searchRows(search).map((row) => `| ${row.join(' | ')} |`),
    '',
  ];
}

/** The CLI's aligned text table of the search, with the chosen point and the front. */
export function searchTable(search: CompressionSearch): string {
  const header = SEARCH_COLUMNS.map((c) => c || 'note');
  const rows = searchRows(search);
  return [
    `accuracy-aware compression (validation, at most ${search.max_accuracy_drop} pt below the student):`,
    ...textTable(header, rows, { rule: true }),
    '',
    `chosen: ${describeChosen(search)}`,
    `Pareto front: ${describeFront(search)}`,
    '',
  ].join('\n');
}
