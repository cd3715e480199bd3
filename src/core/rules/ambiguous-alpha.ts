/**
 * `ambiguous-alpha`: `distillation.alpha` is refused because libraries disagree on what it weighs.
 * In the Keras distillation example (keras.io/examples/vision/knowledge_distillation) and torchdistill's
 * KD loss, `alpha` weights the hard-label (student) loss: L = alpha * CE + (1 - alpha) * KD. In Hinton-style
 * code and TextBrewer-like setups it weights the soft (distillation) term: L = alpha * KD + (1 - alpha) * CE.
 * The two quick fixes rewrite it as explicit `soft_weight` / `hard_weight` for each reading.
 */
import { isMap, isScalar, type Node } from 'yaml';
import type { Rule, RuleContext } from '../analysis/rule';
import { formatRounded } from '../format/numbers';
import type { Diagnostic, Fix } from '../diagnostics';
import { error } from '../rule-helpers/report';

const ALPHA = ['distillation', 'alpha'] as const;

function rewrite(ctx: RuleContext, soft: number, hard: number, title: string): Fix | undefined {
  const location = ctx.parsed.sourceMap.get(ALPHA);
  const parent = ctx.parsed.document.getIn(['distillation'], true);
  if (!location?.keyRange || !isMap(parent)) return undefined;
  const indent = ' '.repeat(location.keyRange.start.character);
  const separator = parent.flow ? ', ' : `\n${indent}`;
  return {
    title,
    edits: [
      {
        range: { start: location.keyRange.start, end: location.valueRange.end },
        newText: `soft_weight: ${formatRounded(soft)}${separator}hard_weight: ${formatRounded(hard)}`,
      },
    ],
  };
}

export const ambiguousAlphaRule: Rule = {
  codes: ['ambiguous-alpha'],
  check(ctx) {
    const node = ctx.parsed.document.getIn(ALPHA, true) as Node | undefined;
    if (node === undefined && !ctx.parsed.sourceMap.has(ALPHA)) return [];
    const value =
      isScalar(node) && typeof node.value === 'number' && node.value >= 0 && node.value <= 1 ? node.value : undefined;
    const hasWeights =
      ctx.parsed.sourceMap.has(['distillation', 'soft_weight']) ||
      ctx.parsed.sourceMap.has(['distillation', 'hard_weight']);
    const fixes =
      value === undefined || hasWeights
        ? []
        : [
            rewrite(
              ctx,
              1 - value,
              value,
              `alpha is the hard-label weight (Keras, torchdistill): hard_weight ${formatRounded(value)}, soft_weight ${formatRounded(1 - value)}`,
            ),
            rewrite(
              ctx,
              value,
              1 - value,
              `alpha is the soft-target weight (Hinton-style, TextBrewer): soft_weight ${formatRounded(value)}, hard_weight ${formatRounded(1 - value)}`,
            ),
          ];
    const diagnostic: Diagnostic = error(
      ctx,
      'ambiguous-alpha',
      ALPHA,
      '`alpha` is ambiguous: Keras and torchdistill use it as the weight of the hard-label loss, Hinton-style code and TextBrewer as the weight of the soft-target loss. ' +
        `Write \`soft_weight\` and \`hard_weight\` instead${hasWeights ? ' (they are already set here: remove `alpha`)' : ''}.`,
      fixes,
      true,
    );
    return [diagnostic];
  },
};
