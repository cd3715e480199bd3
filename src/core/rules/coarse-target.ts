/**
 * `risk/coarse-target`: `compression.target.max_accuracy_drop` is finer than the validation split can measure.
 * On n validation examples one example is worth 100 / n accuracy points; with a target below that, the search
 * only keeps points that lose no validation example at all, so the target means "no loss" whatever its value,
 * and chance (the binomial standard error of an accuracy on n examples, sqrt(p(1 - p) / n)) decides the choice.
 * Threshold: one validation example's worth of points. Source: Dietterich 1998, "Approximate statistical tests for
 * comparing supervised classification learning algorithms".
 */
import type { Rule } from '../analysis/rule';
import { configSection } from '../rule-helpers/config-section';
import { formatFixed, formatInteger } from '../format/numbers';
import { setValueEdit } from '../rule-helpers/edits';
import { firstPresent, fix, risk } from '../rule-helpers/report';

const DROP = ['compression', 'target', 'max_accuracy_drop'];

/** Examples in the validation split: the share of the examples (after `data.limit`), as the split rounds it. */
export function validationExamples(examples: number, validation: number): number {
  return Math.floor(examples * validation);
}

export const coarseTargetRule: Rule = {
  codes: ['risk/coarse-target'],
  check(ctx) {
    const compression = configSection(ctx, 'compression');
    const target = compression?.target;
    const { dataset } = ctx;
    const validation = ctx.config.data?.split.validation ?? 0;
    if (!target || !dataset || validation <= 0) return [];
    const n = validationExamples(dataset.examples, validation);
    if (n <= 0) return [];
    const perExample = 100 / n;
    if (target.max_accuracy_drop >= perExample) return [];
    const oneExample = Math.ceil(perExample * 10) / 10;
    return [
      risk(
        ctx,
        'risk/coarse-target',
        firstPresent(ctx, DROP, ['compression', 'target']),
        `The validation split has about ${formatInteger(n)} examples, so one example is ${formatFixed(perExample, 2)} accuracy points: a target of ${target.max_accuracy_drop} point(s) only admits points that lose no validation example, and which those are is largely chance. Give the validation split more examples, or allow at least one example's worth (${oneExample}).`,
        {
          source:
            'Dietterich 1998, "Approximate statistical tests for comparing supervised classification learning algorithms": an accuracy on n examples has a standard error of sqrt(p(1 - p) / n)',
          fixes: [
            fix(`Allow one validation example (${oneExample} points)`, [
              setValueEdit(ctx.parsed, DROP, String(oneExample)),
            ]),
          ],
        },
      ),
    ];
  },
};
