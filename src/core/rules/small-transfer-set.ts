/**
 * `risk/small-transfer-set`: fewer labelled training examples than student parameters, with no
 * regularisation (no dropout in the student, no early stopping, no `training.augment`). Labelled training examples = examples
 * (after `data.limit`) x (1 - validation - test) x (1 - unlabeled).
 * Source: classical sample-complexity bounds (Baum & Haussler 1989: about W/epsilon examples for W weights
 * to generalise with error epsilon) ask for many examples per weight; networks do with far fewer, but
 * below one labelled example per parameter an unregularised student can memorise its training set.
 * Threshold: 1 labelled example per parameter, chosen by Distillery (far below the classical bound).
 */
import { formatFixed, formatInteger } from '../format/numbers';
import { formatPercent } from '../format/percent';
import type { Rule } from '../analysis/rule';
import { setValueEdit } from '../rule-helpers/edits';
import { hasAugmentation, hasEarlyStopping, studentHasDropout } from '../rule-helpers/regularisation';
import { firstPresent, fix, risk } from '../rule-helpers/report';

export const EXAMPLES_PER_PARAMETER = 1;

export function labelledTrainingExamples(
  examples: number,
  validation: number,
  test: number,
  unlabeled: number,
): number {
  return Math.floor(Math.floor(examples * (1 - validation - test)) * (1 - unlabeled));
}

export const smallTransferSetRule: Rule = {
  codes: ['risk/small-transfer-set'],
  check(ctx) {
    const { dataset, student } = ctx;
    if (!dataset || !student || studentHasDropout(ctx) || hasEarlyStopping(ctx) || hasAugmentation(ctx)) return [];
    const { split, unlabeled } = ctx.config.data;
    const labelled = labelledTrainingExamples(dataset.examples, split.validation, split.test, unlabeled);
    const perParameter = labelled / student.params;
    if (perParameter >= EXAMPLES_PER_PARAMETER) return [];
    const unlabeledNote = unlabeled > 0 ? ` (${formatPercent(unlabeled, 0)} of training examples are unlabeled)` : '';
    return [
      risk(
        ctx,
        'risk/small-transfer-set',
        firstPresent(ctx, ['data', 'unlabeled'], ['data', 'limit'], ['data', 'source']),
        `Only ${formatInteger(labelled)} labelled training examples${unlabeledNote} for ${formatInteger(student.params)} student parameters (${formatFixed(perParameter, 2)} per parameter), ` +
          'with no dropout, early stopping or augmentation: the student can memorise its training set. Add early stopping, dropout, augmentation, more data, or a smaller student.',
        {
          source:
            'Sample-complexity rule of thumb (Baum & Haussler 1989); threshold 1 labelled example per parameter chosen by Distillery',
          fixes: [
            fix(
              'Add early stopping (patience 3)',
              [setValueEdit(ctx.parsed, ['training', 'early_stopping'], '{ patience: 3 }')],
              true,
            ),
          ],
        },
      ),
    ];
  },
};
