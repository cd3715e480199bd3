/** report.md: the run's result for people, rendered from report.json's data. */
import { formatBytes } from './bytes';
import { formatDuration, formatMs } from './duration';
import { describeGainVerdict, formatGain, gainVerdict } from './gain';
import { formatFixed, formatInteger, formatScientific, formatShape } from './numbers';
import { formatPercent, formatPoints } from './percent';
import { describeQuantizationComparison } from './quantization-text';
import type { ExportResult, RunReport } from '../protocol/report';
import { modelsOf } from '../protocol/report-models';
import { shippedLatencyMarkdown } from './shipped-latency-text';
import { searchMarkdown } from './search-text';
import { describeMemoryBudget } from './data-storage';
import { describeShippedAccuracy } from './shipped-accuracy-text';

const pct = (share: number | undefined): string => formatPercent(share, 2);

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
    .map(([k, v]) => `${k} ${formatDuration(v)}`)
    .join(', ');
  if (durations) lines.push(`- Durations: ${durations}`);
  if (report.dataset) {
    const d = report.dataset;
    lines.push(
      `- Data: ${d.name}, ${d.classes.length} classes; ${d.train} train (${d.unlabeled} without labels for the student), ${d.validation} validation, ${d.test} test`,
    );
  }
  lines.push(...describeMemoryBudget(report).map((line) => `- ${line}`));
  lines.push('');
  const models = modelsOf(report);
  if (models.length) {
    lines.push(
      '## Models (test split)',
      '',
      '| model | accuracy | agreement | KL to teacher | ECE | FGSM acc. (eps) | params | non-zero | size | gzipped | latency b=1 | latency batched |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const { role, result: m } of models) {
      lines.push(
        `| ${role} (${m.dtype}) | ${pct(m.metrics.accuracy)} | ${pct(m.metrics.agreement)} | ${formatFixed(m.metrics.kl_to_teacher, 4)} | ${formatFixed(m.metrics.ece, 4)} | ${pct(m.metrics.fgsm_accuracy)} (${m.metrics.fgsm_epsilon}) | ${formatInteger(m.params)} | ${formatInteger(m.nonzero_params)} | ${formatBytes(m.bytes)} | ${formatBytes(m.bytes_gzip)} | ${formatMs(m.latency.batch1_ms)} | ${formatMs(m.latency.batched_ms)} |`,
      );
    }
    lines.push('');
    const quantization = describeQuantizationComparison(report);
    if (quantization) lines.push(`Quantization, post-training against quantization-aware: ${quantization}.`, '');
  }
  lines.push(...exportsSection(report.exports));
  const shipped = describeShippedAccuracy(report);
  if (shipped) lines.push(shipped, '');
  lines.push(...shippedLatencyMarkdown(report.shipped_latency));
  lines.push(...searchMarkdown(report.compression_search));
  const gain = report.distillation_gain;
  if (gain) {
    lines.push(
      '## Distillation gain',
      '',
      `Student minus baseline accuracy: **${formatGain(gain)}** (per seed: ${gain.per_seed.map((g) => formatPoints(g)).join(', ')}): ${describeGainVerdict(gainVerdict(gain))}.`,
      '',
    );
  }
  lines.push(...budgetSection(report));
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

/** The shipped files, each measured after loading it back in its runtime. */
function exportsSection(exports: readonly ExportResult[] | undefined): string[] {
  if (!exports?.length) return [];
  return [
    '## Exports (the files to ship, measured by loading them back)',
    '',
    '| file | weights | input | size | gzipped | accuracy | agreement | same top-1 as run | max logit diff | latency b=1 | latency batched | runtime |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...exports.map(
      (e) =>
        `| \`${e.path}\` | ${e.weights} | ${e.input.layout} ${formatShape(e.input.shape)} | ${formatBytes(e.bytes)} | ${formatBytes(e.bytes_gzip)} | ${pct(e.accuracy)} | ${pct(e.agreement)} | ${pct(e.fidelity.agreement)} | ${formatScientific(e.fidelity.max_logit_diff)} | ${formatMs(e.latency.batch1_ms)} | ${formatMs(e.latency.batched_ms)} | ${e.runtime} |`,
    ),
    '',
  ];
}

/** How much training each model got: what makes the student-versus-baseline comparison fair. */
function budgetSection(report: RunReport): string[] {
  const rows = modelsOf(report).flatMap(({ role, result }) => (result.budget ? [{ role, budget: result.budget }] : []));
  if (rows.length === 0) return [];
  return [
    '## Training budget',
    '',
    '| model | optimizer steps | epochs | examples seen | examples per pass | augmentation | initial weights |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      ({ role, budget: b }) =>
        `| ${role} | ${formatInteger(b.steps)} | ${b.epochs} | ${formatInteger(b.examples_seen)} | ${formatInteger(b.train_examples)} | ${b.augmentation ? `${b.augmentation}${b.teacher_per_batch ? ' (teacher per batch)' : ''}` : 'none'} | ${b.initial_weights ?? 'random'} |`,
    ),
    '',
  ];
}
