/** What every distillation training in a run shares: the loss settings and the training split with teacher logits. */
import type { Examples } from '../data/dataset';
import type { BatchAugmenter } from '../augment/batch-augmenter';
import type { KdSettings } from '../distill/kd-loss';
import type * as tf from '@tensorflow/tfjs';
import { layersBatchTeacher, type ReleasableBatchTeacher } from '../train/batch-teacher';
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
export function distillationData(ctx: Pick<RunContext, 'data'>, teacherLogits: Examples): TrainingData {
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

/** What a teacher needs to be asked per augmented batch (a TF.js model, or a way to open one run elsewhere). */
export type BatchTeaching = Pick<TeacherOutcome, 'model' | 'outputsProbabilities' | 'openBatchTeacher'>;

/**
 * The teacher asked per augmented batch (function matching): the TF.js model itself (with the hint extractor, whose
 * outputs follow `pairValues`), or an ONNX teacher opened again in onnxruntime. Release it when training ends.
 */
export async function openBatchTeacher(
  teaching: BatchTeaching,
  extractor?: tf.LayersModel,
  pairValues: readonly string[] = [],
): Promise<ReleasableBatchTeacher> {
  if (teaching.model)
    return {
      ...layersBatchTeacher(teaching.model, teaching.outputsProbabilities, extractor),
      release: () => Promise.resolve(),
    };
  if (teaching.openBatchTeacher) return teaching.openBatchTeacher(pairValues);
  throw new Error('The teacher is neither a TF.js model nor a teacher that can be opened per batch.');
}

export interface DistillationBatches {
  readonly data: TrainingData;
  readonly augmenter?: BatchAugmenter;
  /** True when the teacher labels each augmented batch (function matching) instead of the precomputed logits. */
  readonly teacherPerBatch: boolean;
  /** Closes the batch teacher's session (an ONNX teacher's) when training ends. */
  release(): Promise<void>;
}

/**
 * The batches of a distillation fine-tuning (after pruning) as the student phase makes them: `training.augment`
 * applies, and under augmentation the teacher (TF.js or ONNX) labels the same augmented batch the model sees.
 */
export async function distillationBatches(
  ctx: Pick<RunContext, 'config' | 'data'>,
  teaching: BatchTeaching,
  teacherLogits: Examples,
): Promise<DistillationBatches> {
  const augmenter = augmenterFor(ctx);
  const data = distillationData(ctx, teacherLogits);
  if (!augmenter) return { data, teacherPerBatch: false, release: () => Promise.resolve() };
  const { x, y, inputShape, classes, labeledMask } = data;
  const batchTeacher = await openBatchTeacher(teaching);
  return {
    data: { x, y, inputShape, classes, ...(labeledMask ? { labeledMask } : {}), batchTeacher },
    augmenter,
    teacherPerBatch: true,
    release: () => batchTeacher.release(),
  };
}
