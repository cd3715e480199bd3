/**
 * `risk/no-validation`: `data.split.validation` is 0, so nothing measures over-fitting while training
 * and early stopping (if set) has nothing to watch. Threshold: a validation share of 0. Source: standard
 * practice (a held-out validation set for model selection and early stopping; Prechelt 1998,
 * "Early Stopping - But When?").
 */
import type { Rule } from '../analysis/rule';
import { setValueEdit } from '../rule-helpers/edits';
import { firstPresent, fix, risk } from '../rule-helpers/report';

const VALIDATION = ['data', 'split', 'validation'];

export const noValidationRule: Rule = {
  codes: ['risk/no-validation'],
  check(ctx) {
    if (ctx.config.data.split.validation > 0) return [];
    const early = ctx.config.training.early_stopping !== undefined;
    return [
      risk(
        ctx,
        'risk/no-validation',
        firstPresent(ctx, VALIDATION, ['data', 'split'], ['data']),
        early
          ? 'The validation share is 0, so early stopping has no validation loss to watch and nothing measures over-fitting during training.'
          : 'No validation split and no early stopping: nothing measures over-fitting during training, so the last epoch is kept however it generalises.',
        {
          source:
            'Standard practice: hold out validation data for model selection and early stopping (Prechelt 1998, "Early Stopping - But When?")',
          fixes: [fix('Hold out 10% for validation', [setValueEdit(ctx.parsed, VALIDATION, '0.1')], true)],
        },
      ),
    ];
  },
};
