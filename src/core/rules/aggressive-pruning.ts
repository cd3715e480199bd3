/**
 * `risk/aggressive-pruning`: sparsity above 0.9. Source: Gale, Elsen & Hooker 2019, "The State of
 * Sparsity in Deep Neural Networks", and Zhu & Gupta 2017, "To prune, or not to prune": magnitude pruning
 * keeps accuracy to about 80-90% sparsity, and accuracy falls steeply beyond 90%.
 */
import { formatPercent } from '../format/percent';
import type { Rule } from '../analysis/rule';
import { configSection } from '../rule-helpers/config-section';
import { setValueEdit } from '../rule-helpers/edits';
import { fix, risk } from '../rule-helpers/report';

export const MAX_SAFE_SPARSITY = 0.9;
const PATH = ['compression', 'pruning', 'sparsity'];

export const aggressivePruningRule: Rule = {
  codes: ['risk/aggressive-pruning'],
  check(ctx) {
    const compression = configSection(ctx, 'compression');
    const sparsity = compression?.pruning?.sparsity;
    if (sparsity === undefined || sparsity <= MAX_SAFE_SPARSITY) return [];
    return [
      risk(
        ctx,
        'risk/aggressive-pruning',
        PATH,
        `Sparsity ${sparsity} removes ${formatPercent(sparsity, 0)} of every layer's weights: beyond ${formatPercent(MAX_SAFE_SPARSITY, 0)} magnitude pruning usually loses accuracy steeply, and a student is already small.`,
        {
          source:
            'Gale, Elsen & Hooker 2019, "The State of Sparsity in Deep Neural Networks"; Zhu & Gupta 2017, "To prune, or not to prune"',
          fixes: [
            fix(
              `Lower sparsity to ${MAX_SAFE_SPARSITY}`,
              [setValueEdit(ctx.parsed, PATH, String(MAX_SAFE_SPARSITY))],
              true,
            ),
          ],
        },
      ),
    ];
  },
};
