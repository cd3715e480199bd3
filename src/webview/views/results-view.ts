/**
 * Results: teacher vs baseline vs distilled student (and the pruned and quantized student): accuracy,
 * agreement, calibration, FGSM robustness, per-class damage, confusion matrices, size and latency, and the
 * distillation gain with its spread over seeds.
 */
import type { ModelResult, RunReport } from '../../core/protocol/report';
import { ChartCard, type TableToggle } from '../charts/chart-card';
import type { ChartSpec } from '../charts/chart-spec';
import { h, textTable } from '../dom';
import { formatBytes } from '../../core/format/bytes';
import { formatDuration, formatMs } from '../../core/format/duration';
import { formatCount, formatNumber } from '../../core/format/numbers';
import { formatPercent, formatPoints } from '../../core/format/percent';
import { confusionMatrix } from './confusion-matrix';
import { exportsSection } from './exports-table';
import { shippedLatencySection } from './latency-table';
import { memoryBudgetSection } from './memory-budget';
import { searchSection } from './search-front';
import { modelsOf } from '../../core/protocol/report-models';
import { describeQuantizationComparison } from '../../core/format/quantization-text';
import { damageChart, latencyChart, qualityChart, reliabilityChart, sizeChart } from './results-charts';
import { placeholder, type View } from './view';
import { MISSING } from '../../core/format/missing';
import { describeGainVerdict, gainVerdict } from '../../core/format/gain';
import { shippedAccuracy } from '../../core/format/shipped-accuracy-text';

export class ResultsView implements View {
  readonly element: HTMLElement;
  private readonly cards: ChartCard[] = [];

  constructor(
    report: { runId: string; report: RunReport } | undefined,
    tables: TableToggle,
    emptyText: string,
    revealExport: (runId: string, path: string) => void,
  ) {
    if (!report) {
      this.element = h('section', { class: 'view results' }, placeholder(emptyText));
      return;
    }
    const r = report.report;
    const models = modelsOf(r);
    const specs: ChartSpec[] = models.length ? [qualityChart(r), reliabilityChart(r)] : [];
    const damage = damageChart(r);
    if (damage) specs.push(damage);
    if (models.length) specs.push(sizeChart(r), latencyChart(r));
    for (const spec of specs) this.cards.push(new ChartCard(spec, tables));
    const search = searchSection(r, tables);
    if (search) this.cards.push(search.card);
    const classes = r.dataset?.classes ?? [];
    this.element = h(
      'section',
      { class: 'view results', 'data-run': report.runId },
      header(report.runId, r),
      memoryBudgetSection(r),
      gain(r),
      models.length ? summaryTable(r) : placeholder('This report has no model results.'),
      quantizationComparison(r),
      shippedAccuracyNote(r),
      exportsSection(r, (file) => revealExport(report.runId, file)),
      shippedLatencySection(r),
      search?.element ?? null,
      h(
        'div',
        { class: 'chart-grid' },
        this.cards.map((c) => c.element),
      ),
      models.length
        ? h(
            'section',
            { class: 'confusions' },
            h('h3', {}, 'Confusion matrices'),
            models.map(({ role, result }) => confusionMatrix(role, classes, result.metrics.confusion)),
          )
        : null,
      r.warnings.length
        ? h(
            'section',
            { class: 'report-warnings' },
            h('h3', {}, 'Warnings'),
            h(
              'ul',
              {},
              r.warnings.map((w) => h('li', {}, w)),
            ),
          )
        : null,
    );
  }

  dispose(): void {
    for (const card of this.cards) card.dispose();
  }
}

function header(runId: string, r: RunReport): HTMLElement {
  const total = r.durations.total;
  return h(
    'div',
    { class: 'report-header' },
    h('h2', {}, `Run ${runId}`),
    h(
      'p',
      {},
      `Status: `,
      h('span', { class: `run-state state-${r.status}`, 'data-state': r.status }, r.status),
      ` · backend ${r.backend} · started ${r.started}${total !== undefined ? ` · took ${formatDuration(total)}` : ''}`,
    ),
    r.dataset
      ? h(
          'p',
          {},
          `Data: ${r.dataset.name}: ${r.dataset.train} train / ${r.dataset.validation} validation / ${r.dataset.test} test${r.dataset.unlabeled ? `, ${r.dataset.unlabeled} without labels for the student` : ''}`,
        )
      : null,
    r.error
      ? h(
          'div',
          { class: 'failure', role: 'alert' },
          h('p', { class: 'error-text' }, r.error),
          r.hint ? h('p', { class: 'hint' }, r.hint) : null,
        )
      : null,
  );
}

function gain(r: RunReport): HTMLElement {
  const g = r.distillation_gain;
  if (!g)
    return h(
      'p',
      { class: 'gain gain-missing' },
      'Distillation gain: not measured (no baseline was trained; set evaluation.baseline: true).',
    );
  return h(
    'div',
    { class: 'gain' },
    h(
      'p',
      { class: 'gain-headline' },
      'Distillation gain over the baseline: ',
      h('strong', { 'data-gain': 'mean' }, formatPoints(g.mean)),
      g.seeds > 1
        ? [
            ' ± ',
            h('strong', { 'data-gain': 'std' }, formatPoints(g.std).replace(/^[+−]/, '')),
            ` (sample std over ${g.seeds} seeds)`,
          ]
        : ' (one seed: no spread)',
    ),
    g.per_seed.length > 1
      ? h('p', { class: 'gain-seeds' }, `Per seed: ${g.per_seed.map((v) => formatPoints(v)).join(', ')}`)
      : null,
    h('p', { class: 'gain-verdict', 'data-gain': 'verdict' }, `Verdict: ${describeGainVerdict(gainVerdict(g))}.`),
  );
}

/** Post-training vs quantization-aware, when the run made both (text only: the report's strings are never HTML). */
function quantizationComparison(r: RunReport): HTMLElement | null {
  const text = describeQuantizationComparison(r);
  return text ? h('p', { class: 'quantization-comparison', 'data-quantization': 'comparison' }, text) : null;
}

/** Which accuracy a user gets: the shipped files', and why the final-model column says otherwise (text only). */
function shippedAccuracyNote(r: RunReport): HTMLElement | null {
  const shipped = shippedAccuracy(r);
  if (!shipped) return null;
  return h(
    'div',
    { class: 'shipped-accuracy', 'data-shipped': shipped.difference ? 'differs' : 'same' },
    h('p', {}, h('strong', {}, 'Shipped files: '), shipped.files),
    shipped.difference ? h('p', { class: 'shipped-difference' }, shipped.difference) : null,
  );
}

type Row = readonly [string, (m: ModelResult) => string];
const ROWS: readonly Row[] = [
  ['Accuracy', (m) => formatPercent(m.metrics.accuracy, 2)],
  [
    'Accuracy per seed',
    (m) => (m.seed_accuracies?.length ? m.seed_accuracies.map((a) => formatPercent(a, 2)).join(', ') : MISSING),
  ],
  ['Agreement with teacher', (m) => formatPercent(m.metrics.agreement, 2)],
  ['KL to teacher', (m) => formatNumber(m.metrics.kl_to_teacher)],
  ['ECE (calibration error)', (m) => formatPercent(m.metrics.ece, 2)],
  [
    'FGSM accuracy',
    (m) =>
      m.metrics.fgsm_accuracy === undefined
        ? 'not measured (no gradients through onnxruntime)'
        : `${formatPercent(m.metrics.fgsm_accuracy, 2)} (ε ${m.metrics.fgsm_epsilon})`,
  ],
  ['Parameters', (m) => formatCount(m.params)],
  ['Non-zero parameters', (m) => `${formatCount(m.nonzero_params)} (sparsity ${formatPercent(m.sparsity)})`],
  ['Weights', (m) => `${formatBytes(m.bytes)} ${m.dtype}`],
  ['Size measured on', (m) => m.bytes_file ?? MISSING],
  ['Weights, gzipped', (m) => formatBytes(m.bytes_gzip)],
  ['Latency, batch of 1', (m) => formatMs(m.latency.batch1_ms)],
  ['Latency, batched', (m) => `${formatMs(m.latency.batched_ms)} (batch ${m.latency.batch_size})`],
];

function summaryTable(r: RunReport): HTMLTableElement {
  const models = modelsOf(r);
  const table = textTable(
    'Teacher, baseline and student side by side (test split)',
    ['', ...models.map((m) => m.role)],
    ROWS.map(([label, cell]) => [label, ...models.map((m) => cell(m.result))]),
  );
  table.classList.add('summary');
  return table;
}
