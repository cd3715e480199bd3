/**
 * `range` for `data.split`: validation + test shares must leave something to train on (sum < 1).
 * Each share is range-checked by the schema; only their sum needs a rule. Threshold: arithmetic.
 */
import { formatRounded } from '../format/numbers';
import type { Rule } from '../analysis/rule';
import { error } from '../rule-helpers/report';

export const splitSharesRule: Rule = {
  codes: ['range'],
  check(ctx) {
    const { validation, test } = ctx.config.data.split;
    if (validation + test < 1) return [];
    return [
      error(
        ctx,
        'range',
        ['data', 'split'],
        `\`data.split\` leaves no training data: validation (${formatRounded(validation)}) + test (${formatRounded(test)}) = ${formatRounded(validation + test)}, which must be below 1.`,
      ),
    ];
  },
};
