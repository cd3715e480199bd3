/**
 * `risk/no-baseline`: `evaluation.baseline: false`. Without the same student trained on labels alone
 * (same budget, same seeds) the run cannot say whether distillation helped; short runs with weak teachers
 * often show no gain (measured on this project's own MNIST / Fashion-MNIST runs; see also Cho & Hariharan
 * 2019, where distillation sometimes hurt). Threshold: the flag itself.
 */
import type { Rule } from '../analysis/rule';
import { configSection } from '../rule-helpers/config-section';
import { setValueEdit } from '../rule-helpers/edits';
import { fix, risk } from '../rule-helpers/report';

const PATH = ['evaluation', 'baseline'];

export const noBaselineRule: Rule = {
  codes: ['risk/no-baseline'],
  check(ctx) {
    const evaluation = configSection(ctx, 'evaluation');
    if (!evaluation || evaluation.baseline) return [];
    return [
      risk(
        ctx,
        'risk/no-baseline',
        PATH,
        '`evaluation.baseline` is off: without the same student trained on labels alone, the report cannot say whether distillation helped (it often does not in short runs).',
        {
          source:
            'Cho & Hariharan 2019, "On the Efficacy of Knowledge Distillation": distillation does not always beat training on labels',
          fixes: [fix('Enable the baseline', [setValueEdit(ctx.parsed, PATH, 'true')], true)],
        },
      ),
    ];
  },
};
