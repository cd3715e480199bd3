/**
 * `compression.target` measures every drop on the validation split: with `data.split.validation: 0` there is
 * nothing to measure it on, and no point could be judged. Reported as a `range` error on the validation share
 * (as a sweep that selects on validation is), so `check`, the editor and `train` all refuse it before training.
 */
import type { Rule } from '../analysis/rule';
import { configSection } from '../rule-helpers/config-section';
import { setValueEdit } from '../rule-helpers/edits';
import { error, firstPresent, fix } from '../rule-helpers/report';

const VALIDATION = ['data', 'split', 'validation'];

export const targetNeedsValidationRule: Rule = {
  codes: ['range'],
  check(ctx) {
    const compression = configSection(ctx, 'compression');
    if (!compression?.target || ctx.config.data.split.validation > 0) return [];
    return [
      error(
        ctx,
        'range',
        firstPresent(ctx, VALIDATION, ['data', 'split'], ['data']),
        '`compression.target` measures the accuracy drop on the validation split, but `data.split.validation` is 0: no point of the search could be judged. Give the validation split a share (e.g. 0.15).',
        [fix('Hold out 15% for validation', [setValueEdit(ctx.parsed, VALIDATION, '0.15')], true)],
      ),
    ];
  },
};
