/**
 * `risk/weights`: soft_weight + hard_weight != 1, or soft_weight = 0.
 * Hinton et al. 2015 take a weighted average of the two objectives (and multiply the soft term by T^2 so
 * its gradient scale does not depend on T); weights summing to 1 keep the loss on the scale the learning
 * rate was tuned for. A soft weight of 0 trains on labels alone: nothing is distilled.
 * Threshold: |sum - 1| > 1e-6 (exact arithmetic, allowing for decimal rounding).
 */
import { formatRounded } from '../format/numbers';
import type { Rule } from '../analysis/rule';
import type { Diagnostic } from '../diagnostics';
import { setValueEdit } from '../rule-helpers/edits';
import { firstPresent, fix, risk } from '../rule-helpers/report';

const SOFT = ['distillation', 'soft_weight'];
const HARD = ['distillation', 'hard_weight'];
const SOURCE =
  'Hinton, Vinyals & Dean 2015, "Distilling the Knowledge in a Neural Network": a weighted average of the soft and hard objectives';

export const weightsRule: Rule = {
  codes: ['risk/weights'],
  check(ctx) {
    const { soft_weight: soft, hard_weight: hard } = ctx.config.distillation;
    const out: Diagnostic[] = [];
    if (soft === 0) {
      out.push(
        risk(
          ctx,
          'risk/weights',
          SOFT,
          `soft_weight is 0: the student learns from labels alone and nothing is distilled from the teacher${ctx.config.distillation.features.length ? ' (only the feature hints transfer anything)' : ''}.`,
          {
            source: SOURCE,
            fixes: [
              fix(
                'Use soft_weight 0.7 and hard_weight 0.3',
                [setValueEdit(ctx.parsed, SOFT, '0.7'), setValueEdit(ctx.parsed, HARD, '0.3')],
                true,
              ),
            ],
          },
        ),
      );
      return out;
    }
    const sum = soft + hard;
    if (Math.abs(sum - 1) <= 1e-6) return out;
    const fixes =
      sum > 0
        ? [
            fix(
              `Scale both to sum to 1 (soft ${formatRounded(soft / sum)}, hard ${formatRounded(hard / sum)})`,
              [
                setValueEdit(ctx.parsed, SOFT, formatRounded(soft / sum)),
                setValueEdit(ctx.parsed, HARD, formatRounded(1 - Number(formatRounded(soft / sum)))),
              ],
              true,
            ),
          ]
        : [];
    out.push(
      risk(
        ctx,
        'risk/weights',
        firstPresent(ctx, HARD, SOFT, ['distillation']),
        `soft_weight (${formatRounded(soft)}) + hard_weight (${formatRounded(hard)}) = ${formatRounded(sum)}, not 1: the loss is scaled by ${formatRounded(sum)}, which acts like changing the learning rate, and the balance between teacher and labels is hard to read.`,
        { source: SOURCE, fixes },
      ),
    );
    return out;
  },
};
