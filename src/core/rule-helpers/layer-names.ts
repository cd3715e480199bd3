/** Layer names of the teacher and student as the trainer will name them (summaries first, else config). */
import type { RuleContext } from '../analysis/rule';
import type { LayerSummary } from '../model/summary-types';
import { assignLayerNames } from '../model/layer-names';

export function modelLayers(
  ctx: RuleContext,
  who: 'teacher' | 'student',
): readonly Pick<LayerSummary, 'name' | 'outputShape'>[] | undefined {
  const summary = ctx[who];
  // A graph model's or ONNX graph's hints may name any of its nodes/values, not only the parameterised ones.
  if (summary) return summary.values ?? summary.layers;
  const layers = ctx.config[who].layers;
  // Without a summary (no data shape, a model file missing) names are still known for config layers.
  if (layers) return assignLayerNames(layers).map((name) => ({ name, outputShape: [] }));
  return undefined;
}
