/**
 * Distillation needs logits. A loaded Keras/TF.js classifier often ends in a softmax dense layer: this
 * rebuilds that last layer with a linear activation and the same weights, so the model outputs the logits
 * the softmax was applied to (exactly, not log-probabilities up to a constant).
 */
import * as tf from '@tensorflow/tfjs';

export function withLogitOutput(model: tf.LayersModel): tf.LayersModel | undefined {
  const last = model.layers[model.layers.length - 1];
  if (!last || last.getClassName() !== 'Dense') return undefined;
  const config = last.getConfig() as { activation?: string; units?: number; useBias?: boolean; use_bias?: boolean };
  if (config.activation !== 'softmax') return undefined;
  const logits = tf.layers.dense({
    units: config.units ?? 1,
    useBias: config.useBias ?? config.use_bias ?? true,
    activation: 'linear',
    name: `${last.name}_logits`,
  });
  const output = logits.apply(last.input as tf.SymbolicTensor) as tf.SymbolicTensor;
  logits.setWeights(last.getWeights());
  return tf.model({ inputs: model.inputs, outputs: output });
}
