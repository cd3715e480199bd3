/**
 * `risk/sweep-on-test`: a sweep that picks its best trial by a test-split metric. Choosing hyperparameters on
 * the test set makes that set part of training, so the reported test score of the winner is optimistically
 * biased, the more so the more trials compete (Cawley & Talbot, JMLR 2010, "On over-fitting in model selection
 * and subsequent selection bias in performance evaluation").
 */
import type { Rule } from '../analysis/rule';

export const sweepOnTestRule: Rule = {
  codes: ['risk/sweep-on-test'],
  check(context) {
    const sweep = context.config.sweep;
    if (!sweep || sweep.split !== 'test') return [];
    const range = context.parsed.sourceMap.valueRange(['sweep', 'split']);
    return [
      {
        range,
        severity: 'warning',
        code: 'risk/sweep-on-test',
        message:
          "This sweep selects its best trial on the test split: the winner's test score will be optimistically biased, and nothing unbiased is left to report. Select on the validation split and keep the test split for the final report.",
        source: 'Cawley & Talbot 2010, selection bias in model selection',
        fixes: [
          { title: 'Select on the validation split', edits: [{ range, newText: 'validation' }], preferred: true },
        ],
      },
    ];
  },
};
