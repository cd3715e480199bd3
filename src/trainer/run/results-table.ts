/** The teacher / baseline / student / compressed comparison as an aligned text table (CLI and demo). */
import type { RunReport } from '../../core/protocol/report';
import { modelsOf } from './report-markdown';

const pct = (v: number): string => `${(v * 100).toFixed(2)}%`;
const size = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
const ms = (v: number): string => (v < 1 ? `${(v * 1000).toFixed(0)} µs` : `${v.toFixed(2)} ms`);

export function resultsTable(report: RunReport): string {
  const header = [
    'model',
    'accuracy',
    'agreement',
    'ECE',
    'FGSM acc.',
    'params',
    'size',
    'gzipped',
    'latency b=1',
    'batched/ex',
  ];
  const rows = modelsOf(report).map(([role, m]) => [
    `${role}${m.dtype === 'float32' ? '' : ` (${m.dtype})`}`,
    m.seed_accuracies && m.seed_accuracies.length > 1
      ? `${pct(m.metrics.accuracy)} (${m.seed_accuracies.length} seeds: ${m.seed_accuracies.map(pct).join(' ')})`
      : pct(m.metrics.accuracy),
    pct(m.metrics.agreement),
    m.metrics.ece.toFixed(3),
    pct(m.metrics.fgsm_accuracy),
    m.sparsity > 0.01 ? `${m.nonzero_params}/${m.params}` : String(m.params),
    size(m.bytes),
    size(m.bytes_gzip),
    ms(m.latency.batch1_ms),
    ms(m.latency.batched_ms),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  const gain = report.distillation_gain;
  if (gain) {
    const verdict =
      gain.mean - gain.std > 0
        ? 'distillation helped'
        : gain.mean + gain.std < 0
          ? 'distillation hurt'
          : 'no clear difference from labels alone';
    out.push(
      '',
      `distillation gain (student - baseline): ${(gain.mean * 100).toFixed(2)} ± ${(gain.std * 100).toFixed(2)} points over ${gain.seeds} seed(s): ${verdict}`,
    );
  }
  return `${out.join('\n')}\n`;
}
