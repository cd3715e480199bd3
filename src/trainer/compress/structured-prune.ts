/**
 * Structured pruning (`compression.pruning.structure: units`): the `sparsity` share of every hidden dense
 * layer's units and conv layer's filters is removed, keeping those with the largest L1 norm of their incoming
 * weights (Li et al. 2017), together with the next layer's matching inputs and batch normalisation's matching
 * channels. Unlike magnitude pruning the result is a narrower dense model: fewer parameters, smaller files.
 * The output layer and layers a hint (`distillation.features`) reads keep their width (core/model/narrow-layers
 * computes the widths, for the trainer and the editor alike).
 */
import type * as tf from '@tensorflow/tfjs';
import type { LayerSpec } from '../../core/config/types';
import { buildModel } from '../model/build-model';
import { copyStrongestUnits } from '../model/init-from-teacher';

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
