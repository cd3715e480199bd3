/** The teacher / baseline / student / compressed comparison as an aligned text table (CLI and demo). */
import { formatBytes } from './bytes';
import { formatMs } from './duration';
import { describeGainVerdict, formatGain, gainVerdict } from './gain';
import { describeExport } from './export-text';
import { formatFixed, formatInteger } from './numbers';
import { formatPercent } from './percent';
import { describeQuantizationComparison } from './quantization-text';
import type { RunReport } from '../protocol/report';
import { modelsOf } from '../protocol/report-models';
import { searchTable } from './search-text';
import { textTable } from './text-table';
import { describeShippedAccuracy } from './shipped-accuracy-text';

const pct = (share: number | undefined): string => formatPercent(share, 2);

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
  const rows = modelsOf(report).map(({ role, result: m }) => [
    `${role}${m.dtype === 'float32' ? '' : ` (${m.dtype})`}`,
    m.seed_accuracies && m.seed_accuracies.length > 1
      ? `${pct(m.metrics.accuracy)} (${m.seed_accuracies.length} seeds: ${m.seed_accuracies.map(pct).join(' ')})`
      : pct(m.metrics.accuracy),
    pct(m.metrics.agreement),
    formatFixed(m.metrics.ece, 3),
    pct(m.metrics.fgsm_accuracy),
    m.sparsity > 0.01 ? `${formatInteger(m.nonzero_params)}/${formatInteger(m.params)}` : formatInteger(m.params),
    formatBytes(m.bytes),
    formatBytes(m.bytes_gzip),
    formatMs(m.latency.batch1_ms),
    formatMs(m.latency.batched_ms),
  ]);
  const out = textTable(header, rows, { rule: true });
  const quantization = describeQuantizationComparison(report);
  if (quantization) out.push('', quantization);
  if (report.exports?.length) {
    out.push('', 'exports (files to ship, measured by loading them back):');
    for (const e of report.exports) out.push(`  ${e.path}: ${describeExport(e)}`);
    const shipped = describeShippedAccuracy(report);
    if (shipped) out.push('', shipped);
  } else if (report.status === 'done')
    out.push('', 'no exports yet: `distillery export RUN_DIR` writes and measures them.');
  if (report.compression_search) out.push('', searchTable(report.compression_search).trimEnd());
  const gain = report.distillation_gain;
  if (gain)
    out.push(
      '',
      `distillation gain (student - baseline): ${formatGain(gain)}: ${describeGainVerdict(gainVerdict(gain))}`,
    );
  return `${out.join('\n')}\n`;
}
