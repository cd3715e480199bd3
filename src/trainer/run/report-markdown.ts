/** report.md: the run's result for people, rendered from report.json's data. */
import type { ModelResult, RunReport } from '../../core/protocol/report';

const pct = (v: number | undefined): string => (v === undefined ? '-' : `${(v * 100).toFixed(2)}%`);
const kb = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
const ms = (v: number): string => (v < 1 ? `${(v * 1000).toFixed(0)} µs` : `${v.toFixed(2)} ms`);

export const MODEL_ROLES = ['teacher', 'baseline', 'student', 'pruned', 'quantized'] as const;

export function modelsOf(report: RunReport): [string, ModelResult][] {
  return MODEL_ROLES.flatMap((role) => (report[role] ? [[role, report[role]] as [string, ModelResult]] : []));
}

export function renderReportMarkdown(report: RunReport): string {
  const lines: string[] = [`# Distillery run ${report.run_id}`, ''];
  lines.push(`- Status: **${report.status}**${report.error ? ` — ${report.error}` : ''}`);
  if (report.hint) lines.push(`- What to do: ${report.hint}`);
  lines.push(
    `- Config: \`${report.config_path}\``,
    `- Backend: ${report.backend}`,
    `- Started ${report.started}, finished ${report.finished}`,
  );
  const durations = Object.entries(report.durations)
    .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
    .join(', ');
  if (durations) lines.push(`- Durations: ${durations}`);
  if (report.dataset) {
    const d = report.dataset;
    lines.push(
      `- Data: ${d.name}, ${d.classes.length} classes; ${d.train} train (${d.unlabeled} without labels for the student), ${d.validation} validation, ${d.test} test`,
    );
  }
  lines.push('');
  const models = modelsOf(report);
  if (models.length) {
    lines.push(
      '## Models (test split)',
      '',
      '| model | accuracy | agreement | KL to teacher | ECE | FGSM acc. (eps) | params | non-zero | size | gzipped | latency b=1 | latency batched |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const [role, m] of models) {
      lines.push(
        `| ${role} (${m.dtype}) | ${pct(m.metrics.accuracy)} | ${pct(m.metrics.agreement)} | ${m.metrics.kl_to_teacher.toFixed(4)} | ${m.metrics.ece.toFixed(4)} | ${pct(m.metrics.fgsm_accuracy)} (${m.metrics.fgsm_epsilon}) | ${m.params} | ${m.nonzero_params} | ${kb(m.bytes)} | ${kb(m.bytes_gzip)} | ${ms(m.latency.batch1_ms)} | ${ms(m.latency.batched_ms)} |`,
      );
    }
    lines.push('');
  }
  const gain = report.distillation_gain;
  if (gain) {
    const verdict =
      gain.mean - gain.std > 0
        ? 'distillation helped'
        : gain.mean + gain.std < 0
          ? 'distillation hurt'
          : 'no clear difference from training on labels alone';
    lines.push(
      '## Distillation gain',
      '',
      `Student minus baseline accuracy: **${(gain.mean * 100).toFixed(2)} ± ${(gain.std * 100).toFixed(2)} points** over ${gain.seeds} seed(s) (${gain.per_seed.map((g) => (g * 100).toFixed(2)).join(', ')}): ${verdict}.`,
      '',
    );
  }
  const student = report.student;
  if (student) {
    lines.push('## Student per class', '', '| class | precision | recall | F1 | support |', '|---|---|---|---|---|');
    const teacher = report.teacher?.metrics.per_class;
    for (const c of student.metrics.per_class) {
      const t = teacher?.find((x) => x.class === c.class);
      lines.push(
        `| ${c.class} | ${pct(c.precision)} | ${pct(c.recall)}${t ? ` (teacher ${pct(t.recall)})` : ''} | ${pct(c.f1)} | ${c.support} |`,
      );
    }
    lines.push('');
  }
  if (report.warnings.length) lines.push('## Warnings', '', ...report.warnings.map((w) => `- ${w}`), '');
  return lines.join('\n');
}
