/** What counts as regularisation for the small-transfer-set rule: dropout in the student, or early stopping. */
import type { RuleContext } from '../analysis/rule';

export function studentHasDropout(ctx: RuleContext): boolean {
  const layers = ctx.config.student.from_teacher ? ctx.config.teacher.layers : ctx.config.student.layers;
  return (layers ?? []).some((l) => l.type === 'dropout');
}

export const hasEarlyStopping = (ctx: RuleContext): boolean => ctx.config.training.early_stopping !== undefined;
