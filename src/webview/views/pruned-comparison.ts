/**
 * The student before and after structured pruning (`compression.pruning.structure: units`), layer by layer:
 * width (units or filters), parameters and FLOPs, then the totals with the ratio; from the server's analysis.
 */
import type { ModelSummary } from '../../core/model/summary-types';
import { formatBytes } from '../../core/format/bytes';
import { formatCount, formatShape } from '../../core/format/numbers';
import { formatRatioOf } from '../../core/format/ratio';
import { columnHeader, h } from '../dom';

export function prunedComparison(
  student: ModelSummary | undefined,
  pruned: ModelSummary | undefined,
): HTMLElement | null {
  if (!student || !pruned) return null;
  const rows = student.layers.map((layer) => {
    const after = pruned.layers.find((l) => l.name === layer.name);
    const changed = after !== undefined && formatShape(after.outputShape) !== formatShape(layer.outputShape);
    return h(
      'tr',
      { 'data-layer': layer.name, class: changed ? 'narrowed' : undefined },
      h('th', { scope: 'row' }, `${layer.name} (${layer.type})`),
      h('td', { class: 'num' }, formatShape(layer.outputShape)),
      h('td', { class: 'num' }, after ? formatShape(after.outputShape) : '—'),
      h('td', { class: 'num' }, formatCount(layer.params)),
      h('td', { class: 'num' }, formatCount(after?.params)),
    );
  });
  const total = (label: string, key: 'params' | 'bytes' | 'flops'): HTMLTableRowElement => {
    const show = (m: ModelSummary): string => (key === 'bytes' ? formatBytes(m.bytes) : formatCount(m[key]));
    return h(
      'tr',
      { 'data-pruned-total': key },
      h('th', { scope: 'row' }, label),
      h('td', { class: 'num' }, show(student)),
      h('td', { class: 'num' }, show(pruned)),
      h('td', { class: 'num ratio' }, formatRatioOf(student[key], pruned[key])),
    );
  };
  return h(
    'section',
    { class: 'pruned-comparison' },
    h('h3', {}, 'Student before and after structured pruning'),
    h(
      'table',
      { class: 'data-table pruned-layers' },
      h('caption', {}, 'Output shape and parameters of each student layer (compression.pruning.structure: units)'),
      columnHeader(['Layer', 'Student', 'Pruned', 'Student parameters', 'Pruned parameters']),
      h('tbody', {}, rows),
    ),
    h(
      'table',
      { class: 'data-table pruned-totals' },
      columnHeader(['', 'Student', 'Pruned', 'Fewer']),
      h('tbody', {}, total('Parameters', 'params'), total('Weights (float32)', 'bytes'), total('FLOPs', 'flops')),
    ),
  );
}
