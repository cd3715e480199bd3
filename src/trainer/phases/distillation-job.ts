/** What every distillation training in a run shares: the loss settings and the training split with teacher logits. */
import type { KdSettings } from '../distill/kd-loss';
import type { TrainingData } from '../train/train-loop';
import type { RunContext } from './run-context';

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
