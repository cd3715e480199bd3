/** One shipped file (a report's `exports` entry) as one line, the same in `distillery export` and the results table. */
import type { ExportResult } from '../protocol/report';
import { formatBytes } from './bytes';
import { formatMs } from './duration';
import { formatShape } from './numbers';
import { formatPercent } from './percent';

/** "1.2 KiB (1.0 KiB gzipped), int8 weights, accuracy 90.00%, agreement 95.00%, input features [batch, 4], 100 µs at b=1 in onnxruntime-node 1.30.0" */
export function describeExport(e: ExportResult): string {
  return `${formatBytes(e.bytes)} (${formatBytes(e.bytes_gzip)} gzipped), ${e.weights} weights, accuracy ${formatPercent(e.accuracy, 2)}, agreement ${formatPercent(e.agreement, 2)}, input ${e.input.layout} ${formatShape(e.input.shape)}, ${formatMs(e.latency.batch1_ms)} at b=1 in ${e.runtime}`;
}
