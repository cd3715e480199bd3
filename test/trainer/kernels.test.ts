/**
 * The wasm kernel fixes against the cpu backend (the reference implementation): the same inputs through both
 * backends must give the same numbers, forward and through gradients, for the shapes training produces.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFixes } from '../../src/trainer/kernels/register-wasm-fixes';
import { routeConsoleToStderr } from '../../src/trainer/backend/quiet-stdout';

routeConsoleToStderr();

function seeded(shape: number[], seed: number): Float32Array {
  return tf.tidy(() => tf.randomUniform(shape, -1, 1, 'float32', seed).dataSync() as Float32Array);
}

async function onBackend<T>(name: string, fn: () => T): Promise<T> {
  assert.equal(await tf.setBackend(name), true, `backend ${name} must start`);
  assert.equal(tf.getBackend(), name);
  return fn();
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

const convCases = [
  { name: 'same padding, stride 1', x: [4, 9, 9, 3], filter: [3, 3, 3, 5], strides: 1, pad: 'same' as const },
  { name: 'valid padding, stride 2', x: [3, 11, 10, 2], filter: [3, 2, 2, 4], strides: 2, pad: 'valid' as const },
  { name: 'same padding, stride 2, 5x5', x: [2, 12, 12, 4], filter: [5, 5, 4, 6], strides: 2, pad: 'same' as const },
];

void test('wasm lacks Conv2DBackpropFilter until the fix is registered, then matches the cpu backend', async () => {
  await onBackend('wasm', () => undefined);
  assert.equal(
    tf.getKernel(tf.Conv2DBackpropFilter, 'wasm'),
    undefined,
    'tfjs-backend-wasm 4.22 ships without it; if it now does, drop the fix',
  );
  registerWasmFixes();
  assert.ok(tf.getKernel(tf.Conv2DBackpropFilter, 'wasm'), 'the fix registers the missing kernel');
  for (const c of convCases) {
    const xValues = seeded(c.x, 1);
    const filterValues = seeded(c.filter, 2);
    const gradient = (): Float32Array =>
      tf.tidy(() => {
        const x = tf.tensor4d(xValues, c.x as [number, number, number, number]);
        const filter = tf.tensor4d(filterValues, c.filter as [number, number, number, number]);
        // Weighted sum so that dy is not all ones (a constant dy would hide index mistakes).
        const loss = (f: tf.Tensor): tf.Scalar =>
          tf
            .conv2d(x, f as tf.Tensor4D, c.strides, c.pad)
            .mul(tf.linspace(0.5, 1.5, c.filter[3]!))
            .square()
            .sum();
        return tf.grad(loss)(filter).dataSync() as Float32Array;
      });
    const reference = await onBackend('cpu', gradient);
    const fixed = await onBackend('wasm', gradient);
    const scale = Math.max(...Array.from(reference, Math.abs));
    assert.ok(
      maxAbsDiff(reference, fixed) <= 1e-4 * scale,
      `${c.name}: filter gradient differs from cpu by ${maxAbsDiff(reference, fixed)}`,
    );
  }
});

void test('the transpose-free BatchMatMul matches the cpu backend for every transpose combination', async () => {
  await onBackend('wasm', () => undefined);
  registerWasmFixes();
  const aValues = seeded([2, 7, 5], 3);
  const bValues = seeded([2, 7, 5], 4);
  for (const [transposeA, transposeB] of [
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ] as const) {
    const product = (): Float32Array =>
      tf.tidy(() => {
        const a = tf.tensor3d(aValues, transposeA ? [2, 7, 5] : [2, 5, 7]);
        const b = tf.tensor3d(bValues, transposeB ? [2, 5, 7] : [2, 7, 5]);
        return tf.matMul(a, b, transposeA, transposeB).dataSync() as Float32Array;
      });
    const reference = await onBackend('cpu', product);
    const fixed = await onBackend('wasm', product);
    assert.ok(
      maxAbsDiff(reference, fixed) < 1e-5,
      `transposeA=${transposeA} transposeB=${transposeB}: differs by ${maxAbsDiff(reference, fixed)}`,
    );
  }
});

void test('a dense layer trains identically (to float rounding) on cpu and on wasm with the fixes', async () => {
  const xValues = seeded([32, 20], 5);
  const yValues = seeded([32, 3], 6);
  const gradients = (): Float32Array[] =>
    tf.tidy(() => {
      const kernel = tf.tensor2d(seeded([20, 3], 7), [20, 3]);
      const x = tf.tensor2d(xValues, [32, 20]);
      const y = tf.tensor2d(yValues, [32, 3]);
      const [gx, gk] = tf.grads((input: tf.Tensor, k: tf.Tensor) => tf.losses.meanSquaredError(y, tf.matMul(input, k)))(
        [x, kernel],
      );
      return [gx!.dataSync() as Float32Array, gk!.dataSync() as Float32Array];
    });
  const reference = await onBackend('cpu', gradients);
  const fixed = await onBackend('wasm', gradients);
  for (let i = 0; i < reference.length; i++)
    assert.ok(maxAbsDiff(reference[i]!, fixed[i]!) < 1e-5, `gradient ${i} differs`);
});
