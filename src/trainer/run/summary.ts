/** The one-line result carried by the `done` event. */
import type { RunReport } from '../../core/protocol/report';

const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;

export function summarize(report: RunReport): string {
  const parts: string[] = [];
  const final = report.quantized ?? report.pruned ?? report.student;
  if (report.student) parts.push(`student ${pct(report.student.metrics.accuracy)}`);
  if (report.teacher) parts.push(`teacher ${pct(report.teacher.metrics.accuracy)}`);
  if (report.baseline) parts.push(`baseline ${pct(report.baseline.metrics.accuracy)}`);
  let text = parts.join(' / ');
  const gain = report.distillation_gain;
  if (gain)
    text += `, gain ${gain.mean >= 0 ? '+' : ''}${(gain.mean * 100).toFixed(2)} ± ${(gain.std * 100).toFixed(2)} pts over ${gain.seeds} seed(s)`;
  if (final && report.teacher && final.bytes > 0)
    text += `, final model ${(report.teacher.bytes / final.bytes).toFixed(1)}x smaller than the teacher`;
  return text;
}
