/**
 * Structured pruning (`compression.pruning.structure: units`): the `sparsity` share of every hidden dense
 * layer's units and conv layer's filters is removed, keeping those with the largest L1 norm of their incoming
 * weights (Li et al. 2017), together with the next layer's matching inputs and batch normalisation's matching
 * channels. Unlike magnitude pruning the result is a narrower dense model: fewer parameters, smaller files.
 * The output layer and layers a hint (`distillation.features`) reads keep their width.
 */
import type * as tf from '@tensorflow/tfjs';
import type { LayerSpec } from '../../core/config/types';
import { isNarrowed, unitsKept } from '../../core/model/unit-pruning';
import { buildModel, layerNames } from '../model/build-model';
import { copyStrongestUnits } from '../model/init-from-teacher';

export interface NarrowedLayers {
  readonly layers: LayerSpec[];
  /** Layers where the sparsity would have removed every unit: each keeps one. */
  readonly keptOne: string[];
}

/** The layers with each prunable width scaled to `round(width * (1 - sparsity))`, at least 1. */
export function narrowedLayers(
  layers: readonly LayerSpec[],
  sparsity: number,
  keepWidth: ReadonlySet<string>,
): NarrowedLayers {
  const names = layerNames(layers);
  const named = layers.map((l, index) => ({ type: l.type, name: names[index]! }));
  const keptOne: string[] = [];
  const narrow = (width: number, name: string): number => {
    const kept = unitsKept(width, sparsity);
    if (kept >= 1) return kept;
    keptOne.push(name);
    return 1;
  };
  const narrowed = layers.map((spec, index): LayerSpec => {
    if (!isNarrowed(named, index, keepWidth)) return spec;
    const name = names[index]!;
    if (spec.type === 'dense') return { ...spec, units: narrow(spec.units, name) };
    if (spec.type === 'conv2d') return { ...spec, filters: narrow(spec.filters, name) };
    return spec;
  });
  return { layers: narrowed, keptOne };
}

/** A narrower build of `source` (same layer names) holding its strongest units' weights. */
export function pruneUnits(
  source: tf.LayersModel,
  narrowed: readonly LayerSpec[],
  inputShape: readonly number[],
  classes: number,
  seed: number,
): tf.LayersModel {
  const model = buildModel(narrowed, inputShape, classes, seed, 'pruned');
  copyStrongestUnits(model, source, { key: 'compression.pruning.structure: units', source: 'distilled student' });
  return model;
}
