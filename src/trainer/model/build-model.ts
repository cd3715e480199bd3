/**
 * Config layers -> a TF.js Sequential model with seeded initialisers. A dense layer on rank > 1 input
 * flattens first (the core's model summaries assume the same); the last layer must output logits.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerSpec } from '../../core/config/types';
import { mixSeed } from '../random/prng';
import { TrainerError } from '../run/errors';

type TfActivation = Parameters<typeof tf.layers.dense>[0]['activation'];

function uniqueNamer(): (spec: LayerSpec) => string {
  const counts = new Map<string, number>();
  return (spec) => {
    const n = (counts.get(spec.type) ?? 0) + 1;
    counts.set(spec.type, n);
    return spec.name ?? `${spec.type}_${n}`;
  };
}

/** The name each layer gets in the built model (its own, or `<type>_<n>`), in order. */
export function layerNames(layers: readonly LayerSpec[]): string[] {
  return layers.map(uniqueNamer());
}

function makeLayer(spec: LayerSpec, name: string, seed: number, inputShape: number[] | undefined): tf.layers.Layer {
  const first = inputShape ? { inputShape } : {};
  const kernelInitializer = tf.initializers.glorotUniform({ seed });
  switch (spec.type) {
    case 'dense':
      return tf.layers.dense({
        ...first,
        name,
        units: spec.units,
        activation: spec.activation as TfActivation,
        useBias: spec.use_bias,
        kernelInitializer,
      });
    case 'conv2d':
      return tf.layers.conv2d({
        ...first,
        name,
        filters: spec.filters,
        kernelSize: spec.kernel_size,
        strides: spec.strides,
        padding: spec.padding,
        activation: spec.activation as TfActivation,
        kernelInitializer,
      });
    case 'max_pooling2d':
      return tf.layers.maxPooling2d({
        ...first,
        name,
        poolSize: spec.pool_size,
        ...(spec.strides ? { strides: spec.strides } : {}),
      });
    case 'average_pooling2d':
      return tf.layers.averagePooling2d({
        ...first,
        name,
        poolSize: spec.pool_size,
        ...(spec.strides ? { strides: spec.strides } : {}),
      });
    case 'global_average_pooling2d':
      return tf.layers.globalAveragePooling2d({ ...first, name });
    case 'flatten':
      return tf.layers.flatten({ ...first, name });
    case 'batch_normalization':
      return tf.layers.batchNormalization({ ...first, name });
    case 'dropout':
      return tf.layers.dropout({ ...first, name, rate: spec.rate });
  }
}

export function buildModel(
  layers: readonly LayerSpec[],
  inputShape: readonly number[],
  classes: number,
  seed: number,
  role: string,
): tf.Sequential {
  if (layers.length === 0) throw new TrainerError(`The ${role} has no layers.`);
  const last = layers[layers.length - 1]!;
  if (last.type !== 'dense')
    throw new TrainerError(
      `The ${role}'s last layer must be a dense layer producing the ${classes} class logits (it is ${last.type}).`,
    );
  if (last.units !== classes) {
    throw new TrainerError(
      `The ${role}'s last layer has ${last.units} units but the data has ${classes} classes.`,
      `Set the last dense layer's units to ${classes}.`,
    );
  }
  if (last.activation !== 'linear') {
    throw new TrainerError(
      `The ${role}'s last layer uses activation '${last.activation}'; it must output logits (linear).`,
      'Remove the activation of the last layer: the distillation loss applies the temperature softmax itself.',
    );
  }
  const model = tf.sequential({ name: role });
  const nameOf = uniqueNamer();
  let rank = inputShape.length;
  let pendingInput: number[] | undefined = [...inputShape];
  layers.forEach((spec, index) => {
    if (spec.type === 'dense' && rank > 1) {
      model.add(
        tf.layers.flatten({
          ...(pendingInput ? { inputShape: pendingInput } : {}),
          name: `flatten_before_${spec.name ?? `layer_${index + 1}`}`,
        }),
      );
      pendingInput = undefined;
      rank = 1;
    }
    if ((spec.type === 'conv2d' || spec.type.endsWith('pooling2d')) && rank !== 3) {
      throw new TrainerError(
        `The ${role}'s layer ${index + 1} (${spec.type}) needs image input [height, width, channels], but gets rank-${rank} input.`,
        'Use dense layers for tabular data.',
      );
    }
    model.add(makeLayer(spec, nameOf(spec), mixSeed(seed, index + 1), pendingInput));
    pendingInput = undefined;
    if (spec.type === 'flatten' || spec.type === 'dense' || spec.type === 'global_average_pooling2d') rank = 1;
  });
  return model;
}
