/** Where a run's data lives and what it costs in memory, for people (report.md, the CLI's start line). */
import type { DataStorage, MemoryBreakdown, MemoryEstimate, RunReport } from '../protocol/report';
import type { StartMemory } from '../protocol/run-events';
import { formatBytes } from './bytes';
import { formatInteger } from './numbers';

export function describeDataStorage(storage: DataStorage): string {
  const parts = [`data ${formatBytes(storage.bytes_on_disk)} on disk`];
  if (storage.cache_bytes > 0) parts.push(`decoded cache ${formatBytes(storage.cache_bytes)}`);
  parts.push(
    storage.resident_bytes > 0
      ? `${formatBytes(storage.resident_bytes)} of inputs held in memory`
      : 'inputs read per batch',
  );
  const text = parts.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The parts of the memory estimate: "runtime 256.00 MiB, inputs 0 B, student 1,234 parameters 19.3 KiB, ...". */
export function describeMemoryBreakdown(b: MemoryBreakdown): string {
  const parts = [`runtime ${formatBytes(b.runtime_bytes)}`, `inputs ${formatBytes(b.input_bytes)}`];
  for (const m of b.models) parts.push(`${m.role} ${formatInteger(m.params)} parameters ${formatBytes(m.bytes)}`);
  parts.push(`activations ${formatBytes(b.activation_bytes)}`);
  if (b.baseline_worker_bytes !== undefined)
    parts.push(`baseline worker process ${formatBytes(b.baseline_worker_bytes)}`);
  return parts.join(', ');
}

function describeEstimate(memory: MemoryEstimate): string {
  const parts = memory.breakdown ? ` (${describeMemoryBreakdown(memory.breakdown)})` : '';
  return `estimated peak ${formatBytes(memory.estimated_bytes)}${parts} of ${formatBytes(memory.available_bytes)} available`;
}

export function describeStartMemory(memory: StartMemory): string {
  return `${describeDataStorage(memory.data)}; ${describeEstimate(memory)}`;
}

/** The peak resident memory over the run, as report.md and the panel word it: the trainer's, and the baseline worker's. */
export function describePeakMemory(peakRssBytes: number, workerPeakRssBytes?: number): string {
  const worker =
    workerPeakRssBytes === undefined ? '' : `; of the baseline worker process: ${formatBytes(workerPeakRssBytes)}`;
  return `Peak memory of the trainer: ${formatBytes(peakRssBytes)}${worker}`;
}

/**
 * The report's memory budget as lines for people (report.md's bullets, the panel's "Data and memory" block);
 * empty when the report predates these fields, so callers show nothing rather than placeholders.
 */
export function describeMemoryBudget(report: RunReport): string[] {
  const lines: string[] = [];
  const storage = report.dataset?.storage;
  if (storage) lines.push(describeDataStorage(storage));
  if (report.memory_estimate) {
    const text = describeEstimate(report.memory_estimate);
    lines.push(text.charAt(0).toUpperCase() + text.slice(1));
  }
  if (report.peak_rss_bytes !== undefined)
    lines.push(describePeakMemory(report.peak_rss_bytes, report.baseline_worker_peak_rss_bytes));
  return lines;
}
