/**
 * The layers structured pruning (`compression.pruning.structure: units`) leaves, by core/model/unit-pruning's
 * rule (hidden dense and conv layers keep `round(width * (1 - sparsity))`, at least 1; the output layer and
 * hinted layers keep their width): for the trainer (which builds the narrower model) and for the editor's hover
 * and the panel (which show its widths).
 */
import type { LayerSpec } from '../config/types';
import { assignLayerNames } from './layer-names';
import { isNarrowed, unitsKept } from './unit-pruning';

export interface NarrowedLayers {
  readonly layers: LayerSpec[];
  /** Layers where the sparsity would have removed every unit: each keeps one. */
  readonly keptOne: string[];
  /** Hidden dense or conv layers that keep their width because a hint reads them. */
  readonly hinted: string[];
}

export function narrowedLayers(
  layers: readonly LayerSpec[],
  sparsity: number,
  keepWidth: ReadonlySet<string>,
): NarrowedLayers {
  const names = assignLayerNames(layers);
  const named = layers.map((l, index) => ({ type: l.type, name: names[index]! }));
  const keptOne: string[] = [];
  const hinted: string[] = [];
  const narrow = (width: number, name: string): number => {
    const kept = unitsKept(width, sparsity);
    if (kept >= 1) return kept;
    keptOne.push(name);
    return 1;
  };
  const narrowed = layers.map((spec, index): LayerSpec => {
    const name = names[index]!;
    if (!isNarrowed(named, index, keepWidth)) {
      if (isNarrowed(named, index, new Set())) hinted.push(name);
      return spec;
    }
    if (spec.type === 'dense') return { ...spec, units: narrow(spec.units, name) };
    if (spec.type === 'conv2d') return { ...spec, filters: narrow(spec.filters, name) };
    return spec;
  });
  return { layers: narrowed, keptOne, hinted };
}

/** The student's layers after the config's structured pruning, or undefined when it prunes no units. */
export function structurallyPruned(
  config: {
    readonly compression: { readonly pruning?: { readonly sparsity: number; readonly structure: string } };
    readonly distillation: { readonly features: readonly { readonly student: string }[] };
  },
  studentLayers: readonly LayerSpec[],
): NarrowedLayers | undefined {
  const pruning = config.compression.pruning;
  if (pruning?.structure !== 'units') return undefined;
  return narrowedLayers(studentLayers, pruning.sparsity, new Set(config.distillation.features.map((f) => f.student)));
}
