/**
 * The accuracy-aware search (`compression_search`) in the Results view: the chosen point in words, and the
 * size/validation-accuracy chart of every tried point with the Pareto front drawn as a line and the chosen point
 * marked; its table view lists every point by name (core/format/search-text: the same cells as report.md and
 * `distillery report`). Every string is set as text.
 */
import type { RunReport } from '../../core/protocol/report';
import type { CompressionSearch } from '../../core/protocol/compression-search';
import { bytesToKib } from '../../core/format/bytes';
import { formatNumber } from '../../core/format/numbers';
import { formatPercent } from '../../core/format/percent';
import { describeChosen, SEARCH_COLUMNS, searchRows } from '../../core/format/search-text';
import { ChartCard, type TableToggle } from '../charts/chart-card';
import type { XYChartSpec, XYPoint } from '../charts/chart-spec';
import { h } from '../dom';

function pointOf(p: { bytes: number; validation_accuracy: number }): XYPoint {
  return { x: bytesToKib(p.bytes), y: p.validation_accuracy };
}

export function searchFrontChart(search: CompressionSearch): XYChartSpec {
  const byId = new Map(search.points.map((p) => [p.id, p]));
  const front = search.front.flatMap((id) => {
    const p = byId.get(id);
    return p ? [pointOf(p)] : [];
  });
  const chosen = byId.get(search.chosen);
  return {
    kind: 'xy',
    id: 'results-search-front',
    title: 'Accuracy-aware compression: size against validation accuracy',
    description: `Every tried point by the size of its smallest export file; the line joins the Pareto front (no point is both smaller and more accurate); the large marker is the chosen point, the smallest within ${search.max_accuracy_drop} point(s) of the student on validation.`,
    xLabel: 'Shipped size (KiB)',
    yLabel: 'Validation accuracy',
    formatX: (v) => `${formatNumber(v, 4)} KiB`,
    formatY: (v) => formatPercent(v, 2),
    xMin: 0,
    series: [
      { label: 'Tried points', color: 'blue', pointsOnly: true, points: search.points.map(pointOf) },
      { label: 'Pareto front', color: 'green', points: front },
      ...(chosen
        ? [
            {
              label: `Chosen: ${chosen.id}`,
              color: 'red' as const,
              pointsOnly: true,
              pointRadius: 8,
              points: [pointOf(chosen)],
            },
          ]
        : []),
    ],
    table: { header: SEARCH_COLUMNS.map((c) => c || 'note'), rows: searchRows(search) },
  };
}

/** The section, with its chart card (the caller disposes it with the view); undefined for a run without a search. */
export function searchSection(
  report: RunReport,
  tables: TableToggle,
): { element: HTMLElement; card: ChartCard } | undefined {
  const search = report.compression_search;
  if (!search) return undefined;
  const card = new ChartCard(searchFrontChart(search), tables);
  const element = h(
    'section',
    { class: 'compression-search', 'data-outcome': search.outcome },
    h('h3', {}, 'Accuracy-aware compression'),
    h('p', { class: 'search-chosen' }, `Chosen: ${describeChosen(search)}.`),
    card.element,
  );
  return { element, card };
}
