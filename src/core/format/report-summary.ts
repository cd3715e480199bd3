/**
 * A finished run's result in one line: the summary the `done` event carries (status bar, notification, CLI,
 * panel) and the shorter headline of the config's code lens. Sizes are those of the shipped files only
 * (core/report/shipped-size): a report without exports quotes none.
 */
import type { ModelResult, RunReport } from '../protocol/report';
import type { ModelRole } from '../protocol/run-events';
import { exportName, shippedSize } from '../report/shipped-size';
import { formatBytes } from './bytes';
import { formatGain } from './gain';
import { formatPercent } from './percent';
import { formatRatio } from './ratio';

/**
 * The model the run ships (its export): quantization-aware when the run made one, else quantized, else pruned,
 * else the distilled student.
 */
export function finalModel(report: RunReport): { role: ModelRole; result: ModelResult } | undefined {
  const role = report.quantized_aware
    ? 'quantized_aware'
    : report.quantized
      ? 'quantized'
      : report.pruned
        ? 'pruned'
        : report.student
          ? 'student'
          : undefined;
  const result = role && report[role];
  return role && result ? { role, result } : undefined;
}

const accuracyOf = (role: ModelRole, result: ModelResult | undefined): string[] =>
  result ? [`${role} ${formatPercent(result.metrics.accuracy)}`] : [];

/**
 * "student 97.1% / teacher 98.0% / baseline 96.9%, gain +0.42 ± 0.10 pt over 3 seeds, final model model.onnx
 * 96.9%, 12.3 KiB, 12.0× smaller than the teacher's weights" (the final model's accuracy is its shipped file's)
 */
export function summarizeReport(report: RunReport): string {
  let text = [
    ...accuracyOf('student', report.student),
    ...accuracyOf('teacher', report.teacher),
    ...accuracyOf('baseline', report.baseline),
  ].join(' / ');
  if (report.distillation_gain) text += `, gain ${formatGain(report.distillation_gain)}`;
  const shipped = shippedSize(report);
  if (shipped)
    text += `, final model ${exportName(shipped.export)} ${formatPercent(shipped.export.accuracy)}, ${formatBytes(shipped.export.bytes)}${shipped.ratio ? `, ${formatRatio(shipped.ratio)} smaller than the teacher's weights` : ''}`;
  return text;
}

/**
 * "model.onnx (quantized) 96.9% / teacher 98.0%, 1000 B (12.0× smaller)": the final model's shipped file (its
 * accuracy as measured by loading the file back, which can differ from the in-process model's) against the
 * teacher; without exports, the in-process final model ("quantized 97.0% / teacher 98.0%"). Undefined for a run
 * without a student.
 */
export function reportHeadline(report: RunReport): string | undefined {
  const final = finalModel(report);
  if (!final) return undefined;
  const teacher = accuracyOf('teacher', report.teacher);
  const shipped = shippedSize(report);
  if (!shipped) return [...accuracyOf(final.role, final.result), ...teacher].join(' / ');
  const file = `${exportName(shipped.export)} (${final.role}) ${formatPercent(shipped.export.accuracy)}`;
  const size = `${formatBytes(shipped.export.bytes)}${shipped.ratio ? ` (${formatRatio(shipped.ratio)} smaller)` : ''}`;
  return `${[file, ...teacher].join(' / ')}, ${size}`;
}
