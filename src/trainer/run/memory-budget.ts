/**
 * The memory budget checked before training: the run's estimated peak against the memory this process may use
 * (the machine's available memory, a cgroup limit when one is set (Slurm jobs, containers), or
 * `DISTILLERY_MEMORY_LIMIT` (bytes) when given). The estimate adds up the runtime, the inputs held in memory, every
 * model's parameters (with gradients and optimizer state for the ones trained here), the largest model's activations
 * for one training batch, and the baseline worker process that trains beside the student. A run that would not fit
 * is refused with the setting to change, instead of being killed by the OS halfway through.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import type { DistillConfig, OptimizerSettings } from '../../core/config/types';
import { formatBytes } from '../../core/format/bytes';
import { describeMemoryBreakdown } from '../../core/format/data-storage';
import { batchActivationBytes } from '../../core/model/activation-size';
import type { ModelSummary } from '../../core/model/summary-types';
import type { DataStorage, MemoryBreakdown, ModelMemory } from '../../core/protocol/report';
import type { StartMemory } from '../../core/protocol/run-events';
import type { CheckedModels } from './config-check';
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

/**
 * What one parameter takes at the trainer's peak, measured with the wasm backend (the built CLI on iris, 2 epochs,
 * teachers of two hidden dense layers 2,000 and 3,000 wide: the slope of the report's peak_rss_bytes between the two
 * sizes). Trained with Adam 94 bytes, with sgd 52 (with or without momentum), loaded from a file and only run 28:
 * far above the 4-byte weight, its gradient and Adam's two moment copies (16 bytes), because the backend's heap only
 * grows, so each step's temporaries (transposes, the optimizer's intermediate tensors) and the checkpoints' copies
 * stay in the peak. Rounded up.
 */
const BYTES_PER_PARAMETER = { adam: 96, sgd: 56, loaded: 32 } as const;

interface Planned {
  readonly role: ModelMemory['role'];
  readonly summary: ModelSummary;
  /** How it is trained here; undefined for a teacher loaded from a file (inference only). */
  readonly training?: Pick<OptimizerSettings, 'optimizer' | 'batch_size'>;
}

function plannedModels(config: DistillConfig, models: CheckedModels): Planned[] {
  const planned: Planned[] = [];
  const { teacher, assistant, student } = models;
  if (teacher)
    planned.push({
      role: 'teacher',
      summary: teacher,
      ...(teacher.origin === 'config' ? { training: config.teacher.training } : {}),
    });
  if (assistant) planned.push({ role: 'assistant', summary: assistant, training: config.training });
  if (student) planned.push({ role: 'student', summary: student, training: config.training });
  return planned;
}

function modelMemory(model: Planned): ModelMemory {
  const { params } = model.summary;
  const perParameter = BYTES_PER_PARAMETER[model.training?.optimizer ?? 'loaded'];
  return { role: model.role, params, bytes: params * perParameter };
}

/** Every layer's outputs for one training batch (kept for the backward pass) and their gradients. */
function trainingActivations(model: Planned): number {
  if (!model.training) return 0;
  const batch = model.training.batch_size;
  return 2 * model.summary.layers.reduce((sum, layer) => sum + batchActivationBytes(layer, batch), 0);
}

/** True when the baseline trains in its own process beside the student (see the engine's runStudentsAndBaselines). */
export const baselineInWorker = (config: DistillConfig): boolean =>
  config.evaluation.baseline && process.env.DISTILLERY_WORKERS !== '0';

export function memoryBudget(data: DataStorage, config: DistillConfig, models: CheckedModels): StartMemory {
  const planned = plannedModels(config, models);
  const student = planned.find((m) => m.role === 'student');
  const worker =
    baselineInWorker(config) && student
      ? RUNTIME_BYTES + data.resident_bytes + modelMemory(student).bytes + trainingActivations(student)
      : undefined;
  const breakdown: MemoryBreakdown = {
    runtime_bytes: RUNTIME_BYTES,
    input_bytes: data.resident_bytes,
    models: planned.map(modelMemory),
    activation_bytes: Math.max(0, ...planned.map(trainingActivations)),
    ...(worker === undefined ? {} : { baseline_worker_bytes: worker }),
  };
  const estimated =
    breakdown.runtime_bytes +
    breakdown.input_bytes +
    breakdown.models.reduce((sum, m) => sum + m.bytes, 0) +
    breakdown.activation_bytes +
    (breakdown.baseline_worker_bytes ?? 0);
  return { data, estimated_bytes: estimated, available_bytes: availableMemory(), breakdown };
}

/** The settings that bring the estimate down, the largest part's first. */
function fixesFor(budget: StartMemory, config: DistillConfig): string {
  const source = config.data.source;
  const b = budget.breakdown;
  const largestModel = b?.models.reduce<ModelMemory | undefined>(
    (m, x) => (!m || x.bytes > m.bytes ? x : m),
    undefined,
  );
  const inputs = b ? b.input_bytes * (b.baseline_worker_bytes === undefined ? 1 : 2) : budget.data.resident_bytes;
  const parts = [
    { bytes: inputs, fix: inputFix(source) },
    {
      bytes: largestModel?.bytes ?? 0,
      fix: `Make the ${largestModel?.role ?? 'student'} smaller (fewer units or filters), or train it with optimizer: sgd (about half the memory of Adam per parameter).`,
    },
    { bytes: b?.activation_bytes ?? 0, fix: 'Lower training.batch_size (or teacher.training.batch_size).' },
    {
      bytes: b?.baseline_worker_bytes ?? 0,
      fix: 'Set DISTILLERY_WORKERS=0 to train the baseline after the student in the same process, or evaluation.baseline: false.',
    },
  ];
  return parts
    .filter((part) => part.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes)
    .map((part) => part.fix)
    .join(' ');
}

function inputFix(source: DistillConfig['data']['source']): string {
  if (source.kind !== 'bundled' && source.in_memory)
    return 'Set data.source.in_memory: false: batches are then read from the data cache and memory stays flat.';
  if (source.kind === 'images') return 'Lower data.source.size or free memory.';
  if (source.kind === 'csv') return 'Use a smaller CSV file (fewer rows), or free memory.';
  return 'Use a smaller dataset, or free memory.';
}

/** Refuses a run whose estimate exceeds what is available, naming its parts and the setting that brings it down. */
export function checkMemoryBudget(budget: StartMemory, config: DistillConfig): void {
  if (budget.estimated_bytes <= budget.available_bytes) return;
  const parts = budget.breakdown
    ? describeMemoryBreakdown(budget.breakdown)
    : `${formatBytes(budget.data.resident_bytes)} of inputs held in memory`;
  throw new TrainerError(
    `Not enough memory for this run: it needs about ${formatBytes(budget.estimated_bytes)} (${parts}) but ${formatBytes(budget.available_bytes)} is available.`,
    `${fixesFor(budget, config)} (${MEMORY_LIMIT_ENV}, when set, is the limit used.)`,
  );
}
