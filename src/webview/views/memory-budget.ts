/** The run's "Data and memory" block: data size on disk, decoded cache, inputs held in memory, peak RSS. */
import type { RunReport } from '../../core/protocol/report';
import { describeMemoryBudget } from '../../core/format/data-storage';
import { h } from '../dom';

/** Null for reports without the memory fields (older runs), so the panel shows no empty heading. */
export function memoryBudgetSection(r: RunReport): HTMLElement | null {
  const lines = describeMemoryBudget(r);
  if (!lines.length) return null;
  return h(
    'section',
    { class: 'memory-budget', 'data-section': 'memory' },
    h('h3', {}, 'Data and memory'),
    h(
      'ul',
      {},
      lines.map((line) => h('li', {}, line)),
    ),
  );
}
