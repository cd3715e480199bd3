/**
 * Hover text of structured pruning (`compression.pruning.structure: units`): the width each student layer keeps,
 * on `compression.pruning` and its keys, and on each student layer. The widths are core's analysis of the config
 * (core/model/narrow-layers, the rule the trainer narrows the model by).
 */
import type { LayerSummary, ModelSummary } from '../../core/model/summary-types';
import { formatBytes } from '../../core/format/bytes';
import { formatInteger } from '../../core/format/numbers';
import { formatPercent } from '../../core/format/percent';
import { formatRatioOf } from '../../core/format/ratio';
import type { ModelFacts } from '../analysis/messages';

const PRUNABLE = new Set(['dense', 'conv2d']);

/** A dense layer's units or a conv layer's filters: the last axis of its output. */
const widthOf = (layer: LayerSummary): number | undefined => layer.outputShape[layer.outputShape.length - 1];

/** Why a layer keeps its width under structured pruning, if it does. */
function keptBecause(layer: LayerSummary, pruned: ModelSummary, facts: ModelFacts): string | undefined {
  const lastDense = pruned.layers.filter((l) => l.type === 'dense').pop();
  if (layer.name === lastDense?.name) return 'the output layer';
  if (facts.config.distillation.features.some((f) => f.student === layer.name)) return 'a hint reads it';
  return undefined;
}

function unitWord(layer: LayerSummary): string {
  return layer.type === 'conv2d' ? 'filters' : 'units';
}

/** The line under a student layer's hover: the width it keeps after structured pruning. */
export function prunedLayerLine(layer: LayerSummary, facts: ModelFacts): string | undefined {
  const pruned = facts.pruned;
  if (!pruned || !PRUNABLE.has(layer.type)) return undefined;
  const after = pruned.layers.find((l) => l.name === layer.name);
  const before = widthOf(layer);
  const width = after && widthOf(after);
  if (!after || before === undefined || width === undefined) return undefined;
  const kept = keptBecause(after, pruned, facts);
  const what = kept
    ? `keeps all ${formatInteger(before)} ${unitWord(layer)} (${kept})`
    : `keeps ${formatInteger(width)} of ${formatInteger(before)} ${unitWord(layer)}`;
  return `After structured pruning (\`compression.pruning\`): ${what}, ${formatInteger(after.params)} parameters.`;
}

/** On `compression.pruning`: every prunable student layer's width before and after, and the totals. */
export function prunedWidthsDoc(facts: ModelFacts): string | undefined {
  const { student, pruned } = facts;
  const pruning = facts.config.compression.pruning;
  if (!student || !pruned || !pruning) return undefined;
  const rows = student.layers.flatMap((layer) => {
    const after = pruned.layers.find((l) => l.name === layer.name);
    if (!PRUNABLE.has(layer.type) || !after) return [];
    const kept = keptBecause(after, pruned, facts);
    return [
      `| \`${layer.name}\` (${layer.type}) | ${formatInteger(widthOf(layer) ?? 0)} | ${formatInteger(widthOf(after) ?? 0)}${kept ? ` (kept: ${kept})` : ''} |`,
    ];
  });
  return [
    `**Student after structured pruning** (${formatPercent(pruning.sparsity, 0)} of the units and filters of each hidden layer removed)`,
    '',
    '| layer | student | pruned |',
    '|---|---|---|',
    ...rows,
    '',
    `Parameters ${formatInteger(student.params)} -> ${formatInteger(pruned.params)} (${formatRatioOf(student.params, pruned.params)} fewer), float32 weights ${formatBytes(student.bytes)} -> ${formatBytes(pruned.bytes)}, FLOPs ${formatInteger(student.flops)} -> ${formatInteger(pruned.flops)} per example.`,
  ].join('\n');
}
