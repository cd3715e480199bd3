/** The run's `training.augment` as a batch augmenter (or none), refused with a clear error when it cannot apply. */
import { augments } from '../../core/config/augment';
import { type BatchAugmenter, createAugmenter } from '../augment/batch-augmenter';
import { TrainerError } from '../run/errors';
import type { RunContext } from './run-context';

export function augmenterFor(ctx: Pick<RunContext, 'config' | 'data'>): BatchAugmenter | undefined {
  const settings = ctx.config.training.augment;
  if (!augments(settings)) return undefined;
  const augmenter = createAugmenter(settings, ctx.data.inputShape);
  if (typeof augmenter === 'string')
    throw new TrainerError(augmenter, 'Remove shift, flip and crop from training.augment, or train on images.');
  return augmenter;
}
