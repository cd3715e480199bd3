/**
 * The distillation fine-tuning after a compression (pruning, quantization-aware training): the compressed model
 * trains on batches made as the student's were, with the run's loss, and reports what it cost.
 */
import type * as tf from '@tensorflow/tfjs';
import type { TrainingBudget } from '../../core/protocol/report';
import type { ModelRole } from '../../core/protocol/run-events';
import type { TrainJob } from '../train/train-loop';
import { type DistillationBatches, kdSettingsOf } from './distillation-job';
import { type RunContext, trainWithEvents } from './run-context';
import { trainingBudget } from './training-budget';

/**
 * Optimizer settings of a fine-tuning after compression: it starts from trained weights, so a tenth of the
 * learning rate, a constant schedule and no early stopping.
 */
export function fineTuneSettings(ctx: Pick<RunContext, 'config'>, epochs: number): TrainJob['settings'] {
  const { training } = ctx.config;
  return {
    ...training,
    epochs,
    learning_rate: training.learning_rate / 10,
    schedule: 'constant',
    early_stopping: undefined,
  };
}

/** What one compression's fine-tuning sets: the model, and how its weights are held to the compression. */
export interface CompressionFineTune {
  readonly role: ModelRole;
  readonly seed: number;
  readonly model: tf.LayersModel;
  readonly epochs: number;
  /** Runs after every optimizer step (pruning re-applies its masks; fake quantization rounds the weights). */
  readonly afterStep?: () => void;
  /** Saved and restored with the model's weights but not trained (quantization-aware training's float weights). */
  readonly heldVariables?: readonly tf.Variable[];
}

/** Fine-tunes `job.model` in place on `batches` and returns the report's budget of it. */
export async function fineTuneCompressed(
  ctx: RunContext,
  batches: DistillationBatches,
  job: CompressionFineTune,
): Promise<TrainingBudget> {
  const { data, config } = ctx;
  const outcome = await trainWithEvents(ctx, {
    role: job.role,
    seed: job.seed,
    model: job.model,
    ...(job.afterStep ? { afterStep: job.afterStep } : {}),
    ...(job.heldVariables ? { heldVariables: job.heldVariables } : {}),
    kd: kdSettingsOf(ctx),
    data: batches.data,
    ...(batches.augmenter ? { augmenter: batches.augmenter } : {}),
    validation: data.validation,
    settings: fineTuneSettings(ctx, job.epochs),
  });
  return trainingBudget(
    outcome,
    config.training.batch_size,
    data.train.y.length,
    batches.augmenter,
    batches.teacherPerBatch,
  );
}
