/**
 * A sweep that selects on the validation split needs one: with `data.split.validation: 0` there is nothing to
 * measure the objective on, and every trial would finish without an objective. Reported as a `range` error on
 * the validation share, because the sweep cannot pick a best trial at all.
 */
import type { Rule } from '../analysis/rule';

export const sweepNeedsValidationRule: Rule = {
  codes: ['range'],
  check(context) {
    const sweep = context.config.sweep;
    if (!sweep || sweep.split !== 'validation' || context.config.data.split.validation > 0) return [];
    return [
      {
        range: context.parsed.sourceMap.valueRange(['data', 'split', 'validation']),
        severity: 'error',
        code: 'range',
        message:
          'The sweep selects its best trial on the validation split, but `data.split.validation` is 0: give the validation split a share (e.g. 0.15).',
        fixes: [
          {
            title: 'Hold out 15% for validation',
            edits: [{ range: context.parsed.sourceMap.valueRange(['data', 'split', 'validation']), newText: '0.15' }],
            preferred: true,
          },
        ],
      },
    ];
  },
};
