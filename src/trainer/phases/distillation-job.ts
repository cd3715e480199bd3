/** What every distillation training in a run shares: the loss settings and the training split with teacher logits. */
import type { BatchAugmenter } from '../augment/batch-augmenter';
import type { KdSettings } from '../distill/kd-loss';
import { layersBatchTeacher } from '../train/batch-teacher';
import type { TrainingData } from '../train/train-loop';
import { augmenterFor } from './augmentation';
import type { RunContext } from './run-context';
import type { TeacherOutcome } from './teacher-phase';

export function kdSettingsOf(ctx: Pick<RunContext, 'config'>): KdSettings {
  const { distillation } = ctx.config;
  return {
    temperature: distillation.temperature,
    softWeight: distillation.soft_weight,
    hardWeight: distillation.hard_weight,
  };
}

/** The training split (with the student's label mask) and the teacher's logits over it. */
export function distillationData(ctx: Pick<RunContext, 'data'>, teacherLogits: Float32Array): TrainingData {
  const { data } = ctx;
  return {
    x: data.train.x,
    y: data.train.y,
    inputShape: data.inputShape,
    classes: data.classNames.length,
    labeledMask: data.labeledMask,
    teacherLogits,
  };
}

export interface DistillationBatches {
  readonly data: TrainingData;
  readonly augmenter?: BatchAugmenter;
  /** True when the teacher labels each augmented batch (function matching) instead of the precomputed logits. */
  readonly teacherPerBatch: boolean;
}

/**
 * The batches of a distillation fine-tuning (after pruning) as the student phase makes them: `training.augment`
 * applies, and under augmentation the teacher labels the same augmented batch the model sees. A teacher run
 * elsewhere (ONNX, no TF.js model) has only its precomputed logits; the student phase refuses augmentation for it.
 */
export function distillationBatches(
  ctx: Pick<RunContext, 'config' | 'data'>,
  teaching: Pick<TeacherOutcome, 'model' | 'outputsProbabilities'>,
  teacherLogits: Float32Array,
): DistillationBatches {
  const augmenter = augmenterFor(ctx);
  const data = distillationData(ctx, teacherLogits);
  if (!augmenter) return { data, teacherPerBatch: false };
  if (!teaching.model) return { data, augmenter, teacherPerBatch: false };
  const { x, y, inputShape, classes, labeledMask } = data;
  const batchTeacher = layersBatchTeacher(teaching.model, teaching.outputsProbabilities);
  return {
    data: { x, y, inputShape, classes, ...(labeledMask ? { labeledMask } : {}), batchTeacher },
    augmenter,
    teacherPerBatch: true,
  };
}
