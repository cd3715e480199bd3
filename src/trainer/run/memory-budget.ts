/**
 * The memory budget checked before training: the run's estimated peak (the runtime plus the inputs held in
 * memory) against the memory this process may use: the machine's available memory, a cgroup limit when one is
 * set (Slurm jobs, containers), or `DISTILLERY_MEMORY_LIMIT` (bytes) when given. A run that would not fit
 * is refused with the setting to change, instead of being killed by the OS halfway through.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import type { DistillConfig } from '../../core/config/types';
import { formatBytes } from '../../core/format/bytes';
import type { DataStorage } from '../../core/protocol/report';
import type { StartMemory } from '../../core/protocol/run-events';
import { TrainerError } from './errors';

/**
 * The trainer's own peak with small data and models (TF.js, the wasm backend, the run's bookkeeping): rounded up
 * from 171 MB measured on a penguins run (/usr/bin/time -v, this machine).
 */
export const RUNTIME_BYTES = 256 * 1024 ** 2;

export const MEMORY_LIMIT_ENV = 'DISTILLERY_MEMORY_LIMIT';

function cgroupRoom(): number | undefined {
  try {
    const limit = fs.readFileSync('/sys/fs/cgroup/memory.max', 'utf8').trim();
    if (limit === 'max') return undefined;
    const used = Number(fs.readFileSync('/sys/fs/cgroup/memory.current', 'utf8').trim());
    return Number(limit) - used;
  } catch {
    return undefined;
  }
}

/** Bytes this process may still use. */
export function availableMemory(): number {
  const configured = Number(process.env[MEMORY_LIMIT_ENV]);
  const limits = [os.freemem(), cgroupRoom(), configured > 0 ? configured : undefined];
  return Math.min(...limits.filter((v): v is number => v !== undefined && Number.isFinite(v)));
}

/**
 * This process's own peak resident memory in bytes (the report's `peak_rss_bytes`). On Linux it is the kernel's
 * high-water mark of this program's memory (VmHWM in /proc/self/status), not `process.resourceUsage().maxRSS`:
 * getrusage's maxrss survives exec, so a trainer spawned by a large process (the extension host, a bench that
 * generated 30,000 PNGs, a test runner) reported its parent's resident size at the fork whenever that was larger
 * than its own peak (1,032 MiB for a trainer whose own peak was 348 MiB). Elsewhere maxRSS is all there is.
 */
export function peakResidentBytes(): number {
  try {
    const kib = /^VmHWM:\s*(\d+) kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kib !== undefined) return Number(kib) * 1024;
  } catch {
    // Not Linux (no /proc): fall through.
  }
  return process.resourceUsage().maxRSS * 1024;
}

export function memoryBudget(data: DataStorage): StartMemory {
  return { data, estimated_bytes: RUNTIME_BYTES + data.resident_bytes, available_bytes: availableMemory() };
}

/** Refuses a run whose estimate exceeds what is available, naming the setting that brings it down. */
export function checkMemoryBudget(budget: StartMemory, config: DistillConfig): void {
  if (budget.estimated_bytes <= budget.available_bytes) return;
  const source = config.data.source;
  const fix =
    source.kind !== 'bundled' && source.in_memory
      ? 'Set data.source.in_memory: false: batches are then read from the data cache and memory stays flat.'
      : source.kind === 'images'
        ? 'Lower data.source.size or free memory.'
        : source.kind === 'csv'
          ? 'Use a smaller CSV file (fewer rows), or free memory.'
          : 'Use a smaller dataset, or free memory.';
  throw new TrainerError(
    `Not enough memory for this run: it needs about ${formatBytes(budget.estimated_bytes)} (${formatBytes(budget.data.resident_bytes)} of inputs held in memory) but ${formatBytes(budget.available_bytes)} is available.`,
    `${fix} (${MEMORY_LIMIT_ENV}, when set, is the limit used.)`,
  );
}
