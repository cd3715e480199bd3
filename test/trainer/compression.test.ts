/** Pruning reaches its sparsity and keeps it; quantized weights round-trip within their quantization step. */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { fromFloat16Bits, toFloat16Bits } from '../../src/trainer/compress/float16';
import { magnitudeMask, pruneModel } from '../../src/trainer/compress/prune';
import { dequantize, quantizeTensor } from '../../src/trainer/compress/quantize';
import { buildModel } from '../../src/trainer/model/build-model';
import { useTrainerBackend } from './helpers';

before(async () => {
  await useTrainerBackend();
});

const layers = [
  {
    type: 'conv2d' as const,
    filters: 4,
    kernel_size: 3,
    strides: 1,
    padding: 'same' as const,
    activation: 'relu' as const,
    name: 'conv',
  },
  { type: 'dense' as const, units: 16, activation: 'relu' as const, use_bias: true, name: 'hidden' },
  { type: 'dense' as const, units: 3, activation: 'linear' as const, use_bias: true, name: 'out' },
];

void test('magnitude pruning zeroes exactly the smallest weights of every kernel and the mask holds them at zero', () => {
  const mask = magnitudeMask(Float32Array.from([0.5, -0.1, 0.3, -0.9, 0.05, 0.2]), 0.5);
  assert.deepEqual(Array.from(mask), [1, 0, 1, 1, 0, 0]);
  for (const sparsity of [0.3, 0.5, 0.9]) {
    const model = buildModel(layers, [6, 6, 1], 3, 1, 'pruning-test');
    const masks = pruneModel(model, sparsity);
    assert.ok(Math.abs(masks.sparsity() - sparsity) < 0.01, `sparsity ${masks.sparsity()} for target ${sparsity}`);
    // Perturb every weight (as an optimizer step would), then re-apply: the pruned entries go back to zero.
    model.weights.forEach((w) => (w.read() as tf.Variable).assign(tf.tidy(() => w.read().add(0.01))));
    masks.apply();
    assert.ok(Math.abs(masks.sparsity() - sparsity) < 0.01);
    masks.dispose();
    model.dispose();
  }
});

void test('float16 conversion is exact for representable values and rounds others to the nearest half', () => {
  for (const v of [0, 1, -2, 0.5, 65504, 6.103515625e-5]) assert.equal(fromFloat16Bits(toFloat16Bits(v)), v);
  const x = 0.1;
  assert.ok(Math.abs(fromFloat16Bits(toFloat16Bits(x)) - x) < x * 2 ** -11);
  assert.equal(fromFloat16Bits(toFloat16Bits(1e6)), Infinity);
});

void test('int8 / int4 per-channel and float16 weights round-trip from their stored bytes within tolerance', () => {
  const shape = [5, 4];
  const values = Float32Array.from({ length: 20 }, (_, i) => Math.sin(i * 1.7) * (1 + (i % 4)));
  for (const dtype of ['int8', 'int4', 'float16'] as const) {
    const q = quantizeTensor('dense/kernel', shape, values, dtype, true);
    const restored = dequantize(q);
    assert.deepEqual(
      Array.from(restored),
      Array.from(q.dequantized),
      `${dtype}: stored bytes decode to the evaluated weights`,
    );
    for (let i = 0; i < values.length; i++) {
      const channel = i % 4;
      const tolerance = dtype === 'float16' ? Math.abs(values[i]!) * 2 ** -10 : q.scales![channel]! / 2 + 1e-7;
      assert.ok(
        Math.abs(restored[i]! - values[i]!) <= tolerance,
        `${dtype} weight ${i}: ${restored[i]} vs ${values[i]}`,
      );
    }
    const expectedBytes = dtype === 'int8' ? 20 : dtype === 'int4' ? 10 : 40;
    assert.equal(q.bytes.byteLength, expectedBytes, `${dtype} storage size`);
  }
  const bias = quantizeTensor('dense/bias', [4], Float32Array.from([1, 2, 3, 4]), 'int8', false);
  assert.equal(bias.dtype, 'float32', 'biases stay float32 under int8');
});
