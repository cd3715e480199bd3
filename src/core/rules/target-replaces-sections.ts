/**
 * `risk/ignored-setting`: `compression.target` together with `compression.pruning` or `compression.quantization`.
 * The accuracy-aware search (trainer/phases/search-phase) gives every point of its space a compression of its own
 * (the target's `sparsity`, `structure`, `dtype`, `aware` and `fine_tune_epochs`) and the run plans no separate
 * pruning or quantization phase, so those sections are never applied. One warning per ignored section, on its key.
 */
import type { Rule } from '../analysis/rule';
import { configSection } from '../rule-helpers/config-section';
import type { Diagnostic } from '../diagnostics';
import { risk } from '../rule-helpers/report';

const SECTIONS = ['pruning', 'quantization'] as const;
const SEARCH_KEYS: Readonly<Record<(typeof SECTIONS)[number], string>> = {
  pruning: '`target.sparsity` and `target.structure`',
  quantization: '`target.dtype` and `target.aware`',
};

export const targetReplacesSectionsRule: Rule = {
  codes: ['risk/ignored-setting'],
  check(ctx) {
    const compression = configSection(ctx, 'compression');
    if (!compression?.target) return [];
    return SECTIONS.filter((section) => compression[section] !== undefined).map((section): Diagnostic =>
      risk(
        ctx,
        'risk/ignored-setting',
        ['compression', section],
        `\`compression.target\` searches the compression settings itself: every point gets its own pruning and quantization, so \`compression.${section}\` is ignored. Choose what the search tries with ${SEARCH_KEYS[section]}, or remove \`target\` to apply this section as written.`,
        {
          source:
            'The trainer: with `compression.target` the run plans the search instead of the pruning and quantization phases.',
          atKey: true,
        },
      ),
    );
  },
};
