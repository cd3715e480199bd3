/**
 * Comparison: teacher and student side by side, layer by layer, with bars scaled to each other (by parameters,
 * bytes or FLOPs), totals, the compression ratios, and the `distillation.features` pairs drawn as lines
 * between the two columns; with structured pruning, the student before and after it.
 */
import type { FeaturePair } from '../../core/config/types';
import type { LayerSummary, ModelSummary } from '../../core/model/summary-types';
import type { AnalysisPayload } from '../../core/protocol/webview-messages';
import { h } from '../dom';
import { formatBytes } from '../../core/format/bytes';
import { formatCount, formatInteger, formatShape } from '../../core/format/numbers';
import { formatRatioOf } from '../../core/format/ratio';
import type { LayerMetric } from '../ui-state';
import { FeatureLines } from './feature-lines';
import { prunedComparison } from './pruned-comparison';
import { placeholder, type View } from './view';

const ORIGIN_TEXT: Readonly<Record<ModelSummary['origin'], string>> = {
  'model.json': 'from model.json',
  'graph-model': 'from the graph model: its parameterised nodes',
  onnx: 'from the ONNX graph: its parameterised nodes',
  derived: 'derived from the teacher',
  config: 'from the config',
};
const METRIC_LABELS: Readonly<Record<LayerMetric, string>> = { params: 'Parameters', bytes: 'Bytes', flops: 'FLOPs' };
const formatMetric = (metric: LayerMetric, value: number): string =>
  metric === 'bytes' ? formatBytes(value) : formatCount(value);

export class ComparisonView implements View {
  readonly element: HTMLElement;
  private readonly lines: FeatureLines | undefined;

  constructor(analysis: AnalysisPayload | undefined, metric: LayerMetric, onMetric: (metric: LayerMetric) => void) {
    if (!analysis) {
      this.element = h('section', { class: 'view comparison' }, placeholder('Analysing the config…'));
      return;
    }
    const { teacher, student } = analysis;
    const largest = Math.max(1, ...[teacher, student].flatMap((m) => m?.layers.map((l) => l[metric]) ?? []));
    const teacherColumn = modelColumn('Teacher', 'teacher', teacher, metric, largest);
    const studentColumn = modelColumn('Student', 'student', student, metric, largest);
    const gutter = h('div', { class: 'feature-gutter', 'aria-hidden': 'true' });
    this.lines =
      teacher && student && analysis.features.length > 0
        ? new FeatureLines(gutter, teacherColumn, studentColumn, analysis.features)
        : undefined;
    this.element = h(
      'section',
      { class: 'view comparison' },
      totals(teacher, student),
      analysis.dataset
        ? h(
            'p',
            { class: 'dataset-line' },
            `Data: ${analysis.dataset.name}, ${formatInteger(analysis.dataset.examples)} examples, ${analysis.dataset.classNames.length} classes, input ${formatShape(analysis.dataset.inputShape)}`,
          )
        : null,
      metricPicker(metric, onMetric),
      h('div', { class: 'columns' }, teacherColumn, gutter, studentColumn),
      featureList(analysis.features, teacher, student),
      prunedComparison(student, analysis.pruned),
    );
  }

  dispose(): void {
    this.lines?.dispose();
  }
}

function totals(teacher: ModelSummary | undefined, student: ModelSummary | undefined): HTMLElement {
  const ratio = (key: 'params' | 'bytes' | 'flops'): string => formatRatioOf(teacher?.[key], student?.[key]);
  const cell = (model: ModelSummary | undefined, key: 'params' | 'bytes' | 'flops'): string =>
    key === 'bytes' ? formatBytes(model?.bytes) : formatCount(model?.[key]);
  const row = (label: string, key: 'params' | 'bytes' | 'flops'): HTMLTableRowElement =>
    h(
      'tr',
      { 'data-total': key },
      h('th', { scope: 'row' }, label),
      h('td', { class: 'num' }, cell(teacher, key)),
      h('td', { class: 'num' }, cell(student, key)),
      h('td', { class: 'num ratio' }, ratio(key)),
    );
  return h(
    'table',
    { class: 'data-table totals' },
    h('caption', {}, 'Totals and compression (teacher ÷ student)'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, ''),
        h('th', { scope: 'col', class: 'num' }, 'Teacher'),
        h('th', { scope: 'col', class: 'num' }, 'Student'),
        h('th', { scope: 'col', class: 'num' }, 'Compression'),
      ),
    ),
    h('tbody', {}, row('Parameters', 'params'), row('Bytes (float32)', 'bytes'), row('FLOPs per example', 'flops')),
  );
}

function metricPicker(metric: LayerMetric, onMetric: (metric: LayerMetric) => void): HTMLElement {
  const group = h(
    'div',
    { class: 'metric-picker', role: 'radiogroup', 'aria-label': 'Scale bars by' },
    h('span', {}, 'Bars show: '),
  );
  for (const option of ['params', 'bytes', 'flops'] as const) {
    const button = h(
      'button',
      { type: 'button', role: 'radio', 'aria-checked': String(option === metric), 'data-metric': option },
      METRIC_LABELS[option],
    );
    button.addEventListener('click', () => onMetric(option));
    group.appendChild(button);
  }
  return group;
}

function modelColumn(
  title: string,
  role: string,
  model: ModelSummary | undefined,
  metric: LayerMetric,
  largest: number,
): HTMLElement {
  if (!model) {
    return h(
      'div',
      { class: 'model-column', 'data-role': role },
      h('h2', {}, title),
      placeholder(
        `No ${title.toLowerCase()} summary: the config does not define one yet, or the Risks view says why it could not be read.`,
      ),
    );
  }
  return h(
    'div',
    { class: 'model-column', 'data-role': role },
    h(
      'h2',
      {},
      `${title} `,
      h('span', { class: 'origin' }, `(${ORIGIN_TEXT[model.origin]}, input ${formatShape(model.inputShape)})`),
    ),
    h(
      'ol',
      { class: 'layers', 'aria-label': `${title} layers` },
      model.layers.map((layer) => layerRow(layer, metric, largest)),
    ),
  );
}

function layerRow(layer: LayerSummary, metric: LayerMetric, largest: number): HTMLLIElement {
  const bar = h('span', { class: 'bar' });
  // Width through the CSSOM: allowed by the CSP, unlike a style attribute.
  bar.style.width = `${Math.max(0, (layer[metric] / largest) * 100).toFixed(2)}%`;
  return h(
    'li',
    { class: 'layer', 'data-layer': layer.name },
    h(
      'div',
      { class: 'layer-head' },
      h('span', { class: 'layer-name' }, layer.name),
      h('span', { class: 'layer-type' }, layer.type),
      h('span', { class: 'layer-shape' }, formatShape(layer.outputShape)),
    ),
    h('div', { class: 'bar-track', title: `${METRIC_LABELS[metric]}: ${formatMetric(metric, layer[metric])}` }, bar),
    h(
      'div',
      { class: 'layer-figures' },
      h('span', { 'data-figure': 'params' }, `${formatCount(layer.params)} params`),
      h('span', { 'data-figure': 'bytes' }, formatBytes(layer.bytes)),
      h('span', { 'data-figure': 'flops' }, `${formatCount(layer.flops)} FLOPs`),
    ),
  );
}

function featureList(
  features: readonly FeaturePair[],
  teacher: ModelSummary | undefined,
  student: ModelSummary | undefined,
): HTMLElement | null {
  if (features.length === 0) return null;
  const has = (model: ModelSummary | undefined, name: string): boolean =>
    model?.layers.some((l) => l.name === name) ?? false;
  return h(
    'section',
    { class: 'feature-pairs' },
    h('h3', {}, 'Feature-matching pairs'),
    h(
      'ul',
      {},
      features.map((pair) => {
        const missing = [
          !has(teacher, pair.teacher) && `teacher has no layer "${pair.teacher}"`,
          !has(student, pair.student) && `student has no layer "${pair.student}"`,
        ].filter(Boolean);
        return h(
          'li',
          { class: missing.length ? 'pair missing' : 'pair' },
          `${pair.teacher} → ${pair.student}`,
          ` (projection ${pair.projection}, weight ${pair.weight})`,
          missing.length ? h('span', { class: 'pair-problem' }, ` — ${missing.join('; ')}`) : null,
        );
      }),
    ),
  );
}
