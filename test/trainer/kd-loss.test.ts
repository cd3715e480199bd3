/** The Hinton distillation loss against a hand computation, and its gradient against finite differences. */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { distillationLoss, maskedCrossEntropy, softTargetKl } from '../../src/trainer/distill/kd-loss';
import { useTrainerBackend } from './helpers';

before(async () => {
  await useTrainerBackend();
});

const student = [
  [1.0, -0.5, 0.3],
  [0.2, 0.8, -1.1],
];
const teacher = [
  [2.0, 0.1, -0.4],
  [-0.3, 1.5, 0.0],
];
const labels = [0, 2];

function softmax(row: number[], t: number): number[] {
  const scaled = row.map((v) => v / t);
  const max = Math.max(...scaled);
  const exps = scaled.map((v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** Plain-number reference: soft_w * T^2 * mean KL + hard_w * CE averaged over labeled rows. */
function handLoss(
  s: number[][],
  t: number[][],
  y: number[],
  mask: number[],
  T: number,
  softW: number,
  hardW: number,
): number {
  let kl = 0;
  s.forEach((row, i) => {
    const p = softmax(t[i]!, T);
    const q = softmax(row, T);
    kl += p.reduce((sum, pi, c) => sum + pi * Math.log(pi / q[c]!), 0);
  });
  kl /= s.length;
  let ce = 0;
  let labeled = 0;
  s.forEach((row, i) => {
    if (!mask[i]) return;
    ce -= Math.log(softmax(row, 1)[y[i]!]!);
    labeled++;
  });
  return softW * T * T * kl + hardW * (labeled ? ce / labeled : 0);
}

function lossValue(s: number[][], mask: number[], T: number, softW: number, hardW: number): number {
  return tf.tidy(() => {
    const terms = distillationLoss(
      tf.tensor2d(s),
      tf.tensor2d(teacher),
      tf.tensor1d(labels, 'int32'),
      tf.tensor1d(mask),
      { temperature: T, softWeight: softW, hardWeight: hardW },
    );
    return terms.total.dataSync()[0]!;
  });
}

void test('the KD loss equals the hand computation (T^2 scaling, explicit weights)', () => {
  for (const [T, softW, hardW] of [
    [1, 0.5, 0.5],
    [4, 0.7, 0.3],
    [10, 1, 0],
  ] as const) {
    const expected = handLoss(student, teacher, labels, [1, 1], T, softW, hardW);
    assert.ok(
      Math.abs(lossValue(student, [1, 1], T, softW, hardW) - expected) < 1e-5,
      `T=${T}: ${lossValue(student, [1, 1], T, softW, hardW)} vs ${expected}`,
    );
  }
});

void test('unlabeled examples contribute only the soft term', () => {
  const expected = handLoss(student, teacher, labels, [1, 0], 4, 0.7, 0.3);
  assert.ok(Math.abs(lossValue(student, [1, 0], 4, 0.7, 0.3) - expected) < 1e-5);
  // Changing the label of the unlabeled row must not change the loss.
  const swapped = tf.tidy(
    () =>
      distillationLoss(tf.tensor2d(student), tf.tensor2d(teacher), tf.tensor1d([0, 1], 'int32'), tf.tensor1d([1, 0]), {
        temperature: 4,
        softWeight: 0.7,
        hardWeight: 0.3,
      }).total.dataSync()[0]!,
  );
  assert.ok(Math.abs(swapped - expected) < 1e-6);
});

void test('the soft term is zero when the student matches the teacher, and the CE matches log-softmax', () => {
  const kl = tf.tidy(() => softTargetKl(tf.tensor2d(teacher), tf.tensor2d(teacher), 3).dataSync()[0]!);
  assert.ok(Math.abs(kl) < 1e-6);
  const ce = tf.tidy(() => maskedCrossEntropy(tf.tensor2d(student), tf.tensor1d(labels, 'int32')).dataSync()[0]!);
  const expected = -(Math.log(softmax(student[0]!, 1)[0]!) + Math.log(softmax(student[1]!, 1)[2]!)) / 2;
  assert.ok(Math.abs(ce - expected) < 1e-6);
});

void test('the gradient of the KD loss with respect to the student logits matches central finite differences', () => {
  const T = 4,
    softW = 0.7,
    hardW = 0.3;
  const mask = [1, 0];
  const analytic = tf.tidy(() => {
    const f = (s: tf.Tensor): tf.Scalar =>
      distillationLoss(s as tf.Tensor2D, tf.tensor2d(teacher), tf.tensor1d(labels, 'int32'), tf.tensor1d(mask), {
        temperature: T,
        softWeight: softW,
        hardWeight: hardW,
      }).total;
    return Array.from(tf.grad(f)(tf.tensor2d(student)).dataSync());
  });
  const h = 1e-3;
  student.forEach((row, i) =>
    row.forEach((_, c) => {
      const plus = student.map((r) => [...r]);
      const minus = student.map((r) => [...r]);
      plus[i]![c]! += h;
      minus[i]![c]! -= h;
      // Finite differences in float64 on the hand formula (float32 tensors would drown the difference in rounding).
      const numeric =
        (handLoss(plus, teacher, labels, mask, T, softW, hardW) -
          handLoss(minus, teacher, labels, mask, T, softW, hardW)) /
        (2 * h);
      const got = analytic[i * 3 + c]!;
      assert.ok(
        Math.abs(got - numeric) < 1e-3 * Math.max(1, Math.abs(numeric)),
        `d/ds[${i}][${c}]: analytic ${got}, numeric ${numeric}`,
      );
    }),
  );
});
