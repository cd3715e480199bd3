/**
 * `training.augment` must fit the data, as the trainer requires before it trains: shift, flip and crop need images
 * (rank-3 examples). Every teacher (TF.js or ONNX) labels each augmented batch, so none is refused. Reported as
 * `range` on the key, so `check` refuses what `train` would.
 */
import type { Rule } from '../analysis/rule';
import type { Diagnostic } from '../diagnostics';
import { augments, usesImageOps } from '../config/augment';
import { error } from '../rule-helpers/report';

export const augmentFitsRule: Rule = {
  codes: ['range'],
  check(ctx) {
    const settings = ctx.config.training?.augment;
    if (!augments(settings)) return [];
    const found: Diagnostic[] = [];
    const shape = ctx.dataset?.inputShape;
    if (usesImageOps(settings) && shape && shape.length !== 3)
      found.push(
        error(
          ctx,
          'range',
          ['training', 'augment'],
          `training.augment: shift, flip and crop need image data, but the examples have shape [${shape.join(', ')}]. Use noise or mixup for tabular data.`,
          [],
          true,
        ),
      );
    return found;
  },
};
