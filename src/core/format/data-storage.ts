/** Where a run's data lives and what it costs in memory, for people (report.md, the CLI's start line). */
import type { DataStorage, RunReport } from '../protocol/report';
import type { StartMemory } from '../protocol/run-events';
import { formatBytes } from './bytes';

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

export function describeStartMemory(memory: StartMemory): string {
  return `${describeDataStorage(memory.data)}; estimated peak ${formatBytes(memory.estimated_bytes)} of ${formatBytes(memory.available_bytes)} available`;
}

/** The trainer's peak resident memory over the run, as report.md and the panel word it. */
export function describePeakMemory(peakRssBytes: number): string {
  return `Peak memory of the trainer: ${formatBytes(peakRssBytes)}`;
}

/**
 * The report's memory budget as lines for people (report.md's bullets, the panel's "Data and memory" block);
 * empty when the report predates these fields, so callers show nothing rather than placeholders.
 */
export function describeMemoryBudget(report: RunReport): string[] {
  const lines: string[] = [];
  const storage = report.dataset?.storage;
  if (storage) lines.push(describeDataStorage(storage));
  if (report.peak_rss_bytes !== undefined) lines.push(describePeakMemory(report.peak_rss_bytes));
  return lines;
}
