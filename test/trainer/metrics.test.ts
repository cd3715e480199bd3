/** Evaluation metrics against hand-worked examples. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agreement, calibration, meanKl } from '../../src/trainer/eval/calibration';
import { accuracyOf, confusionMatrix, perClassMetrics } from '../../src/trainer/eval/classification-metrics';
import { distillationGain } from '../../src/trainer/run/distillation-gain';

void test('confusion matrix and per-class precision / recall / F1', () => {
  const labels = Int32Array.from([0, 0, 1, 1, 1, 2]);
  const predicted = Int32Array.from([0, 1, 1, 1, 0, 2]);
  const confusion = confusionMatrix(labels, predicted, 3);
  assert.deepEqual(confusion, [
    [1, 1, 0],
    [1, 2, 0],
    [0, 0, 1],
  ]);
  assert.equal(accuracyOf(labels, predicted), 4 / 6);
  const [a, b, c] = perClassMetrics(confusion, ['a', 'b', 'c']);
  assert.deepEqual([a!.precision, a!.recall, a!.support], [0.5, 0.5, 2]);
  assert.ok(
    Math.abs(b!.precision - 2 / 3) < 1e-12 && Math.abs(b!.recall - 2 / 3) < 1e-12 && Math.abs(b!.f1 - 2 / 3) < 1e-12,
  );
  assert.equal(c!.f1, 1);
});

void test('ECE over 15 bins, agreement and KL', () => {
  // Two examples at confidence 0.9 (one right), one at 0.6 (right).
  const probabilities = Float32Array.from([0.9, 0.1, 0.9, 0.1, 0.4, 0.6]);
  const { ece, bins } = calibration(probabilities, Int32Array.from([0, 1, 1]), 2);
  const expected = (2 / 3) * Math.abs(0.5 - 0.9) + (1 / 3) * Math.abs(1 - 0.6);
  assert.ok(Math.abs(ece - expected) < 1e-6, `${ece} vs ${expected}`);
  assert.equal(bins.length, 15);
  assert.equal(
    bins.reduce((n, b) => n + b.count, 0),
    3,
  );
  assert.equal(agreement(Int32Array.from([1, 2, 3]), Int32Array.from([1, 0, 3])), 2 / 3);
  assert.ok(
    Math.abs(
      meanKl(Float32Array.from([0.5, 0.5]), Float32Array.from([0.25, 0.75]), 2) -
        (0.5 * Math.log(2) + 0.5 * Math.log(0.5 / 0.75)),
    ) < 1e-6,
  );
});

void test('distillation gain: per seed, mean and sample standard deviation', () => {
  const gain = distillationGain([0.9, 0.92, 0.94], [0.88, 0.9, 0.9]);
  assert.ok(gain);
  assert.deepEqual(
    gain.per_seed.map((g) => Math.round(g * 1000)),
    [20, 20, 40],
  );
  assert.ok(Math.abs(gain.mean - 0.08 / 3) < 1e-12);
  assert.ok(Math.abs(gain.std - Math.sqrt(((0.02 - gain.mean) ** 2 * 2 + (0.04 - gain.mean) ** 2) / 2)) < 1e-12);
  assert.equal(distillationGain([0.9], []), null);
});
