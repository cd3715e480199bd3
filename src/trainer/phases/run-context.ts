/** What every phase of a run shares: the checked config, the data, the run's files and event stream. */
import type { DistillConfig } from '../../core/config/types';
import type { ModelRole } from '../../core/protocol/run-events';
import { CHECKPOINTS_DIR } from '../../core/runs/layout';
import type { PreparedData } from '../data/load-data';
import { CancelledError } from '../run/errors';
import type { EventSink } from '../run/event-sink';
import type { ProgressClock } from '../run/progress-clock';
import type { RunFiles } from '../run/run-files';
import { type TrainJob, type TrainOutcome, trainModel } from '../train/train-loop';

export interface RunContext {
  readonly config: DistillConfig;
  readonly configDir: string;
  readonly files: RunFiles;
  readonly sink: EventSink;
  readonly data: PreparedData;
  /** Seed of the first training seed; seed k uses baseSeed + k. */
  readonly baseSeed: number;
  readonly resume: boolean;
  readonly clock: ProgressClock;
  readonly warnings: string[];
  /** Seconds spent per phase, accumulated (the report's `durations`). */
  readonly durations: Record<string, number>;
  isCancelled(): string | undefined;
}

/**
 * Lets a pending SIGINT/SIGTERM handler run (evaluation and data preparation are synchronous), then stops the
 * run if it was cancelled: called between phases and around evaluations, as the training loop does between batches.
 */
export async function stopIfCancelled(ctx: Pick<RunContext, 'isCancelled'>): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  const reason = ctx.isCancelled();
  if (reason) throw new CancelledError(reason);
}

/** Adds the seconds since `startedAt` (performance.now()) to the phase's total. */
export function addDuration(ctx: RunContext, phase: string, startedAt: number): void {
  ctx.durations[phase] = (ctx.durations[phase] ?? 0) + (performance.now() - startedAt) / 1000;
}

const PHASE_OF_ROLE: Readonly<Record<ModelRole, string>> = {
  teacher: 'teacher',
  assistant: 'assistant',
  student: 'student',
  baseline: 'baseline',
  pruned: 'pruning',
  quantized: 'quantization',
  quantized_aware: 'quantization',
};

/** Runs the loop with this run's checkpoint folder, cancellation and epoch events (with the run's ETA). */
export async function trainWithEvents(
  ctx: RunContext,
  job: Omit<TrainJob, 'files' | 'checkpointDir' | 'resume' | 'onEpoch' | 'isCancelled'>,
): Promise<TrainOutcome> {
  const checkpointDir = `${CHECKPOINTS_DIR}/${job.role}-seed${job.seed}`;
  const startedAt = performance.now();
  const outcome = await trainModel({
    ...job,
    files: ctx.files,
    checkpointDir,
    resume: ctx.resume,
    isCancelled: () => ctx.isCancelled(),
    onEpoch: (stats) => {
      const eta = ctx.clock.epochFinished();
      ctx.sink.emit({
        type: 'epoch',
        role: job.role as ModelRole,
        seed: job.seed,
        epoch: stats.epoch,
        epochs: stats.epochs,
        loss: stats.loss,
        ...(stats.lossTerms ? { loss_terms: stats.lossTerms } : {}),
        train_accuracy: stats.trainAccuracy,
        ...(stats.valLoss === undefined ? {} : { val_loss: stats.valLoss, val_accuracy: stats.valAccuracy }),
        learning_rate: stats.learningRate,
        samples_per_second: stats.samplesPerSecond,
        steps: stats.steps,
        eta_seconds: eta,
      });
    },
  });
  addDuration(ctx, PHASE_OF_ROLE[job.role], startedAt);
  ctx.clock.skip(job.settings.epochs - outcome.epochsRun + (outcome.resumedFrom ?? 0));
  if (outcome.stoppedEarly)
    ctx.sink.emit({
      type: 'warning',
      code: 'early-stopping',
      message: `${job.role} (seed ${job.seed}) stopped early after epoch ${outcome.epochsRun}; kept the weights of epoch ${outcome.bestEpoch}.`,
    });
  return outcome;
}
