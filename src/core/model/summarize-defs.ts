/** Shapes, parameters, bytes and FLOPs of a whole model from its LayerDefs and input shape. */
import type { Problem } from '../analysis/problem';
import type { ConfigPath } from '../config/source-map';
import type { LayerDef } from './layer-def';
import { layerMath } from './layer-math';
import { assignLayerNames } from './layer-names';
import type { LayerSummary, ModelSummary } from './summary-types';

export const BYTES_PER_FLOAT32 = 4;

export interface SummaryResult {
  readonly summary?: ModelSummary;
  readonly problems: readonly Problem[];
}

export function summarizeDefs(
  defs: readonly LayerDef[],
  inputShape: readonly number[],
  origin: ModelSummary['origin'],
  fallbackPath: ConfigPath,
): SummaryResult {
  const names = assignLayerNames(defs);
  const shapes = new Map<string, readonly number[]>();
  const layers: LayerSummary[] = [];
  let previous: readonly number[] = inputShape;
  for (const [index, def] of defs.entries()) {
    const name = names[index]!;
    const inputs = def.inputs?.length ? def.inputs.map((n) => shapes.get(n) ?? inputShape) : [previous];
    const result = layerMath(def.rule, inputs);
    if (!result.ok) {
      return {
        problems: [
          { code: 'shape-mismatch', path: def.path ?? fallbackPath, message: `Layer \`${name}\`: ${result.message}` },
        ],
      };
    }
    const params = def.manifestParams ?? result.math.params;
    layers.push({
      name,
      type: def.type,
      outputShape: result.math.outputShape,
      params,
      bytes: params * BYTES_PER_FLOAT32,
      flops: result.math.flops,
      ...(def.path ? { path: def.path } : {}),
    });
    shapes.set(name, result.math.outputShape);
    previous = result.math.outputShape;
  }
  if (layers.length === 0) return { problems: [] };
  const params = layers.reduce((a, l) => a + l.params, 0);
  const last = layers[layers.length - 1]!.outputShape;
  return {
    summary: {
      origin,
      inputShape,
      layers,
      params,
      bytes: params * BYTES_PER_FLOAT32,
      flops: layers.reduce((a, l) => a + l.flops, 0),
      outputUnits: last[last.length - 1] ?? 0,
    },
    problems: [],
  };
}
