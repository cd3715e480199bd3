/**
 * What counts as regularisation for the small-transfer-set rule: dropout in the student, early stopping, or
 * data augmentation (every epoch then shows the student new inputs, labelled by the teacher under distillation).
 */
import type { RuleContext } from '../analysis/rule';
import { augments } from '../config/augment';

export function studentHasDropout(ctx: RuleContext): boolean {
  const layers = ctx.config.student.from_teacher ? ctx.config.teacher.layers : ctx.config.student.layers;
  return (layers ?? []).some((l) => l.type === 'dropout');
}

export const hasEarlyStopping = (ctx: RuleContext): boolean => ctx.config.training.early_stopping !== undefined;

/** `training.augment` with at least one transformation switched on. */
export const hasAugmentation = (ctx: RuleContext): boolean => augments(ctx.config.training?.augment);
