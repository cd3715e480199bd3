/**
 * The latency of the files a user ships (report.json `shipped_latency`): the student and each compression step
 * loaded with stock TF.js, at batch 1 and batched, with the backend named; a step that made the model slower is
 * marked in its row and said in a line under the table (the trainer's warning, worded by core/format).
 */
import { formatBytes } from '../../core/format/bytes';
import { formatMs } from '../../core/format/duration';
import { describeLatencyMethod, slowerStepMessages, versusText } from '../../core/format/shipped-latency-text';
import type { RunReport } from '../../core/protocol/report';
import type { ShippedModelLatency } from '../../core/protocol/shipped-latency';
import { columnHeader, h } from '../dom';

function row(model: ShippedModelLatency): HTMLTableRowElement {
  const cells = [formatBytes(model.bytes), formatMs(model.batch1_ms), formatMs(model.batched_ms)];
  return h(
    'tr',
    { 'data-role': model.role, 'data-slower': String(model.slower), class: model.slower ? 'slower' : undefined },
    h('th', { scope: 'row' }, model.role),
    h('td', {}, h('code', {}, model.file)),
    cells.map((cell) => h('td', { class: 'num' }, cell)),
    h(
      'td',
      {},
      model.versus ? versusText(model) : '—',
      model.slower ? h('strong', { class: 'slower-mark' }, ' (slower)') : null,
    ),
  );
}

export function shippedLatencySection(report: RunReport): HTMLElement | null {
  const latency = report.shipped_latency;
  if (!latency?.models.length) return null;
  const header = [
    'Model',
    'File',
    'Size',
    'Latency, batch of 1',
    `Latency, batches of ${latency.batch_size}`,
    'Against the model it compressed',
  ];
  return h(
    'section',
    { class: 'shipped-latency' },
    h('h3', {}, 'Latency of the shipped files'),
    h(
      'table',
      { class: 'data-table latency-table' },
      h('caption', {}, `Each file loaded with stock TF.js; per example: ${describeLatencyMethod(latency)}`),
      columnHeader(header),
      h('tbody', {}, latency.models.map(row)),
    ),
    slowerStepMessages(latency).map((message) => h('p', { class: 'latency-slower', role: 'note' }, message)),
  );
}
