/**
 * The latency of the files a user ships (report.json `shipped_latency`): the student and each compression step
 * loaded with stock TF.js, at batch 1 and batched, with the backend named; a step that made the model slower is
 * marked in its row and said in a line under the table (the trainer's warning, worded by core/format). The same
 * steps as ONNX (onnxruntime, its execution provider and graph optimisation named) in a second table when timed.
 */
import { formatBytes } from '../../core/format/bytes';
import { formatMs } from '../../core/format/duration';
import {
  describeLatencyMethod,
  describeOnnxMethod,
  onnxUnmeasuredMessage,
  slowerStepMessages,
  versusText,
} from '../../core/format/shipped-latency-text';
import type { RunReport } from '../../core/protocol/report';
import type { ShippedLatency, ShippedModelLatency } from '../../core/protocol/shipped-latency';
import { columnHeader, h } from '../dom';

function row(model: ShippedModelLatency): HTMLTableRowElement {
  const cells = [formatBytes(model.bytes), formatMs(model.batch1_ms), formatMs(model.batched_ms)];
  return h(
    'tr',
    { 'data-role': model.role, 'data-slower': String(model.slower), class: model.slower ? 'slower' : undefined },
    h('th', { scope: 'row' }, model.role),
    h('td', {}, h('code', {}, model.file), model.encoded ? ' (encoded as ONNX)' : null),
    cells.map((cell) => h('td', { class: 'num' }, cell)),
    h(
      'td',
      {},
      model.versus ? versusText(model) : '—',
      model.slower ? h('strong', { class: 'slower-mark' }, ' (slower)') : null,
    ),
  );
}

function table(
  latency: ShippedLatency,
  models: readonly ShippedModelLatency[],
  className: string,
  caption: string,
): HTMLTableElement {
  const header = [
    'Model',
    'File',
    'Size',
    'Latency, batch of 1',
    `Latency, batches of ${latency.batch_size}`,
    'Against the model it compressed',
  ];
  return h(
    'table',
    { class: `data-table ${className}` },
    h('caption', {}, caption),
    columnHeader(header),
    h('tbody', {}, models.map(row)),
  );
}

export function shippedLatencySection(report: RunReport): HTMLElement | null {
  const latency = report.shipped_latency;
  if (!latency?.models.length) return null;
  const onnxUnmeasured = onnxUnmeasuredMessage(latency);
  return h(
    'section',
    { class: 'shipped-latency' },
    h('h3', {}, 'Latency of the shipped files'),
    table(
      latency,
      latency.models,
      'latency-table',
      `Each file loaded with stock TF.js; per example: ${describeLatencyMethod(latency)}`,
    ),
    latency.onnx?.models.length
      ? table(
          latency,
          latency.onnx.models,
          'onnx-latency-table',
          `The same steps as ONNX; per example: ${describeOnnxMethod(latency)}`,
        )
      : null,
    onnxUnmeasured ? h('p', { class: 'latency-unmeasured', role: 'note' }, onnxUnmeasured) : null,
    slowerStepMessages(latency).map((message) => h('p', { class: 'latency-slower', role: 'note' }, message)),
  );
}
