/** The Results view's charts as specs, computed from a report (pure: tested without a browser). */
import type { ModelResult, RunReport } from '../../core/protocol/report';
import { modelsOf } from '../../core/protocol/report-models';
import type { CategoryChartSpec, XYChartSpec } from '../charts/chart-spec';
import { formatMs } from '../../core/format/duration';
import { formatNumber } from '../../core/format/numbers';
import { formatPercent, formatPoints } from '../../core/format/percent';
import { ROLE_COLORS } from '../theme';
import { MISSING } from '../../core/format/missing';
import { bytesToKib } from '../../core/format/bytes';

export function qualityChart(report: RunReport): CategoryChartSpec {
  const models = modelsOf(report);
  return {
    kind: 'bar',
    id: 'results-quality',
    title: 'Accuracy, agreement with the teacher, and FGSM robustness',
    description: `Test split. FGSM accuracy is accuracy under an attack of ε = ${models[0]?.result.metrics.fgsm_epsilon ?? MISSING}.`,
    xLabel: 'Model',
    yLabel: 'Share of test examples',
    formatY: (v) => formatPercent(v),
    yMin: 0,
    yMax: 1,
    categories: models.map((m) => m.role),
    series: [
      { label: 'Accuracy', color: 'blue', values: models.map((m) => m.result.metrics.accuracy) },
      { label: 'Agreement with teacher', color: 'green', values: models.map((m) => m.result.metrics.agreement) },
      { label: 'FGSM accuracy', color: 'red', values: models.map((m) => m.result.metrics.fgsm_accuracy ?? null) },
    ],
  };
}

export function reliabilityChart(report: RunReport): XYChartSpec {
  return {
    kind: 'xy',
    id: 'results-reliability',
    title: 'Reliability diagram (calibration)',
    description:
      'Accuracy against mean confidence per confidence bin; the dashed diagonal is perfect calibration. Points below it are over-confident.',
    xLabel: 'Confidence',
    yLabel: 'Accuracy',
    formatX: (v) => formatPercent(v),
    formatY: (v) => formatPercent(v),
    xMin: 0,
    xMax: 1,
    yMin: 0,
    yMax: 1,
    series: [
      {
        label: 'Perfect calibration',
        color: 'foreground',
        dash: [6, 4],
        points: [
          { x: 0, y: 0 },
          { x: 1, y: 1 },
        ],
      },
      ...modelsOf(report).map(({ role, result }) => ({
        label: `${role} (ECE ${formatPercent(result.metrics.ece, 2)})`,
        color: ROLE_COLORS[role],
        points: result.metrics.reliability.filter((b) => b.count > 0).map((b) => ({ x: b.confidence, y: b.accuracy })),
      })),
    ],
  };
}

export interface ClassDamage {
  readonly className: string;
  readonly student: number;
  readonly baseline?: number;
}

/** Recall lost against the teacher per class (positive = the model gets that class right less often), most damaged first. */
export function classDamage(report: RunReport): ClassDamage[] {
  const teacher = report.teacher?.metrics.per_class;
  const student = report.student?.metrics.per_class;
  if (!teacher || !student) return [];
  const recallOf = (list: ModelResult['metrics']['per_class'] | undefined, name: string): number | undefined =>
    list?.find((c) => c.class === name)?.recall;
  return teacher
    .flatMap((t) => {
      const s = recallOf(student, t.class);
      if (s === undefined) return [];
      const b = recallOf(report.baseline?.metrics.per_class, t.class);
      return [{ className: t.class, student: t.recall - s, ...(b !== undefined ? { baseline: t.recall - b } : {}) }];
    })
    .sort((a, b) => b.student - a.student || a.className.localeCompare(b.className));
}

export function damageChart(report: RunReport): CategoryChartSpec | undefined {
  const damage = classDamage(report);
  if (damage.length === 0) return undefined;
  const hasBaseline = damage.some((d) => d.baseline !== undefined);
  return {
    kind: 'bar',
    id: 'results-damage',
    title: 'Per-class damage: recall lost against the teacher',
    description:
      "Classes sorted by the student's loss, largest first. Above zero: the model recognises that class less often than the teacher does.",
    xLabel: 'Class',
    yLabel: 'Recall lost (points)',
    formatY: (v) => formatPoints(v, 1),
    categories: damage.map((d) => d.className),
    series: [
      { label: 'Student', color: ROLE_COLORS.student, values: damage.map((d) => d.student) },
      ...(hasBaseline
        ? [
            {
              label: 'Baseline (no distillation)',
              color: ROLE_COLORS.baseline,
              values: damage.map((d) => d.baseline ?? null),
            },
          ]
        : []),
    ],
  };
}

export function sizeChart(report: RunReport): CategoryChartSpec {
  const models = modelsOf(report);
  return {
    kind: 'bar',
    id: 'results-size',
    title: 'Size before and after pruning and quantization',
    description: 'Bytes of the saved weights, raw and gzipped (pruned zeros only shrink the gzipped size).',
    xLabel: 'Model',
    yLabel: 'KiB',
    formatY: (v) => `${formatNumber(v, 4)} KiB`,
    categories: models.map((m) => `${m.role} (${m.result.dtype})`),
    series: [
      { label: 'Weights', color: 'blue', values: models.map((m) => bytesToKib(m.result.bytes)) },
      { label: 'Gzipped', color: 'purple', values: models.map((m) => bytesToKib(m.result.bytes_gzip)) },
    ],
  };
}

export function latencyChart(report: RunReport): CategoryChartSpec {
  const models = modelsOf(report);
  return {
    kind: 'bar',
    id: 'results-latency',
    title: 'Latency per example',
    description: 'Median milliseconds per example at batch size 1 and in batches.',
    xLabel: 'Model',
    yLabel: 'ms per example',
    formatY: (v) => formatMs(v),
    categories: models.map((m) => m.role),
    series: [
      { label: 'Batch of 1', color: 'orange', values: models.map((m) => m.result.latency.batch1_ms) },
      { label: 'Batched', color: 'yellow', values: models.map((m) => m.result.latency.batched_ms) },
    ],
  };
}
