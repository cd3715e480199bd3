/**
 * Quantization-aware training (compression.quantization.aware): the fake-quantized weights are exactly what
 * post-training quantization of the float weights gives (the export's per-channel scales), an optimizer step's
 * update lands on the float weights (straight-through estimator), and pruned zeros stay zero.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { fakeQuantize } from '../../src/trainer/compress/fake-quant';
import { quantizeModelWeights } from '../../src/trainer/compress/quantize-model';
import { buildModel } from '../../src/trainer/model/build-model';
import { useTrainerBackend } from './helpers';

before(async () => {
  await useTrainerBackend();
});

const LAYERS = [
  { type: 'dense' as const, units: 6, activation: 'relu' as const, use_bias: true, name: 'hidden' },
  { type: 'dense' as const, units: 3, activation: 'linear' as const, use_bias: true, name: 'out' },
];

const valuesOf = (model: tf.LayersModel): Float32Array[] =>
  model.weights.map((w) => Float32Array.from(w.read().dataSync() as Float32Array));

void test('fake quantization holds the post-training int4 values of the float weights, and steps update the float weights', () => {
  const model = buildModel(LAYERS, [5], 3, 11, 'fake-quant');
  // Prune one kernel entry: it must stay zero through the steps.
  const kernel = model.weights[0]!.read() as tf.Variable;
  const pruned = kernel.dataSync().slice() as Float32Array;
  pruned[4] = 0;
  kernel.assign(tf.tensor(pruned, kernel.shape));
  const float = valuesOf(model);
  const fake = fakeQuantize(model, 'int4');
  const expected = quantizeModelWeights(model, 'int4');
  assert.equal(fake.float.length, 2, 'the two kernels are fake-quantized; biases stay float');
  // The model now holds the quantized values of its former float weights, exactly.
  valuesOf(model).forEach((v, i) => assert.deepEqual(Array.from(v), Array.from(expected[i]!.dequantized)));
  assert.equal(expected[1]!.dtype, 'float32', 'the bias is not quantized');
  assert.deepEqual(Array.from(valuesOf(model)[1]!), Array.from(float[1]!), 'the bias is unchanged');
  assert.ok(
    valuesOf(model)[0]!.some((v, i) => v !== float[0]![i]),
    'int4 rounding changed some kernel weights',
  );
  // An "optimizer step": add 0.01 to every model weight. The float weights get exactly that update.
  model.weights.forEach((w) => (w.read() as tf.Variable).assign(tf.tidy(() => w.read().add(0.01))));
  fake.afterStep();
  const floatAfter = fake.float[0]!.dataSync();
  floatAfter.forEach((v, i) => {
    if (i === 4) assert.equal(v, 0, 'the pruned weight stays zero');
    else assert.ok(Math.abs(v - (float[0]![i]! + 0.01)) < 1e-6, `float weight ${i}: ${v} vs ${float[0]![i]! + 0.01}`);
  });
  // ... and the model holds their quantization again.
  const floatModel = buildModel(LAYERS, [5], 3, 11, 'fake-quant-check');
  floatModel.setWeights([tf.tensor(floatAfter, kernel.shape), ...model.getWeights().slice(1)]);
  assert.deepEqual(
    Array.from(valuesOf(model)[0]!),
    Array.from(quantizeModelWeights(floatModel, 'int4')[0]!.dequantized),
  );
  fake.restoreFloat();
  assert.deepEqual(Array.from(valuesOf(model)[0]!), Array.from(floatAfter), 'restoreFloat puts the float weights back');
  fake.dispose();
  model.dispose();
  floatModel.dispose();
});
