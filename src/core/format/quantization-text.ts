/**
 * Post-training against quantization-aware quantization, when a run made both (`compression.quantization.aware`):
 * "int4: quantization-aware 88.04% vs post-training 87.04% (+1.00 pt), 26.5 KiB vs 26.5 KiB". Shared by the
 * CLI table, report.md and the panel's results.
 */
import type { RunReport } from '../protocol/report';
import { formatBytes } from './bytes';
import { formatPercent, formatPoints } from './percent';

export function describeQuantizationComparison(report: RunReport): string | undefined {
  const { quantized: post, quantized_aware: aware } = report;
  if (!post || !aware) return undefined;
  const pct = (share: number): string => formatPercent(share, 2);
  return `${aware.dtype}: quantization-aware ${pct(aware.metrics.accuracy)} vs post-training ${pct(post.metrics.accuracy)} (${formatPoints(aware.metrics.accuracy - post.metrics.accuracy)}), ${formatBytes(aware.bytes)} vs ${formatBytes(post.bytes)}`;
}
