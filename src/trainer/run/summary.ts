/** The one-line result carried by the `done` event. */
import { formatGain } from '../../core/format/gain';
import { formatPercent as pct } from '../../core/format/percent';
import { formatRatio } from '../../core/format/ratio';
import type { RunReport } from '../../core/protocol/report';

export function summarize(report: RunReport): string {
  const parts: string[] = [];
  const final = report.quantized ?? report.pruned ?? report.student;
  if (report.student) parts.push(`student ${pct(report.student.metrics.accuracy)}`);
  if (report.teacher) parts.push(`teacher ${pct(report.teacher.metrics.accuracy)}`);
  if (report.baseline) parts.push(`baseline ${pct(report.baseline.metrics.accuracy)}`);
  let text = parts.join(' / ');
  const gain = report.distillation_gain;
  if (gain) text += `, gain ${formatGain(gain)}`;
  if (final && report.teacher && final.bytes > 0)
    text += `, final model ${formatRatio(report.teacher.bytes / final.bytes)} smaller than the teacher`;
  return text;
}
