/**
 * `risk/temperature`: a temperature outside 1-20. Below 1 the teacher's softmax is sharpened and its
 * "dark knowledge" vanishes; far above 20 every class looks equally likely and the soft targets carry
 * little signal. Source: Hinton, Vinyals & Dean 2015 ("Distilling the Knowledge in a Neural Network")
 * used temperatures from 1 to 20 (best 2.5-4 for small students on MNIST); common practice stays in 1-20.
 */
import type { Rule } from '../analysis/rule';
import { setValueEdit } from '../rule-helpers/edits';
import { fix, risk } from '../rule-helpers/report';

export const TEMPERATURE_RANGE = [1, 20] as const;
const PATH = ['distillation', 'temperature'];

export const temperatureRule: Rule = {
  codes: ['risk/temperature'],
  check(ctx) {
    const t = ctx.config.distillation.temperature;
    if (!ctx.parsed.sourceMap.has(PATH) || (t >= TEMPERATURE_RANGE[0] && t <= TEMPERATURE_RANGE[1])) return [];
    const why =
      t < TEMPERATURE_RANGE[0]
        ? "below 1 the teacher's distribution gets sharper than its own softmax and the small probabilities that carry its knowledge vanish"
        : 'this high, the softened teacher distribution is close to uniform and carries little signal';
    return [
      risk(
        ctx,
        'risk/temperature',
        PATH,
        `Temperature ${t} is outside the range that works in practice (${TEMPERATURE_RANGE[0]}-${TEMPERATURE_RANGE[1]}): ${why}.`,
        {
          source:
            'Hinton, Vinyals & Dean 2015, "Distilling the Knowledge in a Neural Network": temperatures 1-20, 2.5-4 for small students',
          fixes: [fix('Set temperature to 4', [setValueEdit(ctx.parsed, PATH, '4')], true)],
        },
      ),
    ];
  },
};
