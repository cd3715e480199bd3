/**
 * `risk/sweep-budget`: the search and its budget disagree. A grid larger than `budget` cannot run whole (a
 * seeded sample of `budget` combinations runs instead, so some values may never be tried together); random
 * search over lists with fewer distinct combinations than `budget` repeats trials that a grid would run once.
 */
import type { Rule } from '../analysis/rule';
import type { SweepParameterSpec } from '../config/types';

/** Distinct combinations of the listed values, or undefined when some parameter is a continuous range. */
export function listedCombinations(parameters: readonly SweepParameterSpec[]): number | undefined {
  let product = 1;
  for (const p of parameters) {
    const count = new Set((p?.values ?? p?.choices ?? []).map(String)).size;
    if (count === 0) return undefined;
    product *= count;
  }
  return product;
}

export const sweepBudgetRule: Rule = {
  codes: ['risk/sweep-budget'],
  check(context) {
    const sweep = context.config.sweep;
    // A half-typed sweep (no parameter list yet, or entries that are not mappings) has no budget to weigh.
    if (!sweep || !Array.isArray(sweep.parameters) || sweep.parameters.length === 0) return [];
    const combinations = listedCombinations(sweep.parameters);
    if (combinations === undefined || sweep.budget === undefined) return [];
    const range = context.parsed.sourceMap.valueRange(['sweep', 'budget']);
    if (sweep.method === 'grid' && combinations > sweep.budget) {
      return [
        {
          range,
          severity: 'warning',
          code: 'risk/sweep-budget',
          message: `The grid has ${combinations} combinations but the budget is ${sweep.budget}: only a seeded sample of ${sweep.budget} will run, so some values are never tried together. Raise the budget, trim the grid, or switch to \`method: random\`.`,
          source: 'Bergstra & Bengio 2012: random search covers large spaces better than a truncated grid',
          fixes: [
            {
              title: `Raise the budget to ${combinations}`,
              edits: [{ range, newText: String(combinations) }],
              preferred: true,
            },
          ],
        },
      ];
    }
    if (sweep.method === 'random' && combinations < sweep.budget) {
      return [
        {
          range,
          severity: 'warning',
          code: 'risk/sweep-budget',
          message: `Random search over lists with only ${combinations} distinct combinations but a budget of ${sweep.budget}: trials will repeat. \`method: grid\` runs each combination once.`,
          source: 'Bergstra & Bengio 2012',
          fixes: [{ title: `Lower the budget to ${combinations}`, edits: [{ range, newText: String(combinations) }] }],
        },
      ];
    }
    return [];
  },
};
