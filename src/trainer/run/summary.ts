/** The one-line result carried by the `done` event. */
import { formatGain } from '../../core/format/gain';
import { formatPercent as pct } from '../../core/format/percent';
import { formatBytes } from '../../core/format/bytes';
import { formatRatio } from '../../core/format/ratio';
import type { RunReport } from '../../core/protocol/report';
import { exportName, shippedSize } from '../../core/report/shipped-size';

export function summarize(report: RunReport): string {
  const parts: string[] = [];
  if (report.student) parts.push(`student ${pct(report.student.metrics.accuracy)}`);
  if (report.teacher) parts.push(`teacher ${pct(report.teacher.metrics.accuracy)}`);
  if (report.baseline) parts.push(`baseline ${pct(report.baseline.metrics.accuracy)}`);
  let text = parts.join(' / ');
  const gain = report.distillation_gain;
  if (gain) text += `, gain ${formatGain(gain)}`;
  const shipped = shippedSize(report);
  if (shipped)
    text += `, final model ${exportName(shipped.export)} ${formatBytes(shipped.export.bytes)}${shipped.ratio ? `, ${formatRatio(shipped.ratio)} smaller than the teacher's weights` : ''}`;
  return text;
}
