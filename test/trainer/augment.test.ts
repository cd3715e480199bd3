/** training.augment: each image operation, mixup, seeding, and the batch the teacher labels being the student's. */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { createAugmenter } from '../../src/trainer/augment/batch-augmenter';
import { cropResizeImage, flipImage, shiftImage } from '../../src/trainer/augment/image-ops';
import { symmetricBeta } from '../../src/trainer/augment/sampling';
import { createRandom } from '../../src/trainer/random/prng';
import { assembleBatch, disposeBatch } from '../../src/trainer/train/batch-source';
import type { BatchTeacher } from '../../src/trainer/train/batch-teacher';
import { epochOrderForSteps } from '../../src/trainer/train/batches';
import { useTrainerBackend } from './helpers';
import { inMemoryExamples } from '../../src/trainer/data/dataset';

before(async () => {
  await useTrainerBackend();
});

const shape = { height: 3, width: 4, channels: 1 };
const ramp = Float32Array.from({ length: 12 }, (_, i) => i + 1);
const off = { shift: 0, flip: false, crop: 1, noise: 0, mixup: 0 };

void test('shift moves every pixel by (dy, dx) and fills the uncovered ones with 0', () => {
  const out = new Float32Array(12);
  shiftImage(ramp, out, shape, 1, -1);
  // Row 0 is uncovered; row 1 is row 0 moved one pixel left; the last column is uncovered.
  assert.deepEqual(Array.from(out), [0, 0, 0, 0, 2, 3, 4, 0, 6, 7, 8, 0]);
});

void test('flip mirrors each row, and crop-and-resize with the full box is the identity', () => {
  const flipped = new Float32Array(12);
  flipImage(ramp, flipped, shape);
  assert.deepEqual(Array.from(flipped.subarray(0, 4)), [4, 3, 2, 1]);
  const same = new Float32Array(12);
  cropResizeImage(ramp, same, shape, { top: 0, left: 0, height: 3, width: 4 });
  same.forEach((v, i) => assert.ok(Math.abs(v - ramp[i]!) < 1e-6));
  const zoomed = new Float32Array(12);
  cropResizeImage(ramp, zoomed, shape, { top: 1, left: 1, height: 2, width: 3 });
  assert.equal(zoomed[0], ramp[5], 'the box corner becomes the image corner');
});

void test('mixup draws lambda in [0, 1] and mixes each example with its partner by it', () => {
  const random = createRandom(3);
  for (let i = 0; i < 200; i++) {
    const l = symmetricBeta(0.2, random);
    assert.ok(l >= 0 && l <= 1, `lambda ${l}`);
  }
  const augmenter = createAugmenter({ ...off, mixup: 0.4 }, [3]);
  assert.ok(typeof augmenter !== 'string');
  const x = Float32Array.from([1, 2, 3, 10, 20, 30, -1, -2, -3]);
  const { x: mixed, mix } = augmenter.augment(x, 3, 7, 0, 0);
  assert.ok(mix);
  for (let i = 0; i < 3; i++) {
    const l = mix.lambda[i]!;
    const p = mix.partner[i]!;
    for (let k = 0; k < 3; k++)
      assert.ok(Math.abs(mixed[i * 3 + k]! - (l * x[i * 3 + k]! + (1 - l) * x[p * 3 + k]!)) < 1e-5);
  }
});

void test('augmentation is a seeded function of (seed, epoch, batch): repeatable, and different across batches', () => {
  const augmenter = createAugmenter({ shift: 1, flip: true, crop: 0.7, noise: 0.1, mixup: 0.2 }, [3, 4, 1]);
  assert.ok(typeof augmenter !== 'string');
  const batch = new Float32Array(24).map((_, i) => (i % 12) / 12);
  const a = augmenter.augment(batch, 2, 11, 3, 5).x;
  const b = augmenter.augment(batch, 2, 11, 3, 5).x;
  const c = augmenter.augment(batch, 2, 11, 3, 6).x;
  assert.deepEqual(Array.from(a), Array.from(b));
  assert.notDeepEqual(Array.from(a), Array.from(c));
  assert.deepEqual(
    Array.from(batch.subarray(0, 3)),
    Array.from(Float32Array.from([0, 1 / 12, 2 / 12])),
    'source unchanged',
  );
});

void test('image operations on tabular data are refused with a clear message', () => {
  const refused = createAugmenter({ ...off, shift: 2 }, [4]);
  assert.equal(typeof refused, 'string');
  assert.match(refused as string, /need image data.*shape \[4\]/);
  assert.notEqual(typeof createAugmenter({ ...off, noise: 0.1, mixup: 0.2 }, [4]), 'string');
});

void test('function matching: the teacher labels exactly the augmented inputs the student trains on', async () => {
  const seen: Float32Array[] = [];
  const recordingTeacher: BatchTeacher = {
    outputs(x) {
      seen.push(x.dataSync() as Float32Array);
      return Promise.resolve({ logits: tf.zeros([x.shape[0]!, 2]) as tf.Tensor2D, features: [] });
    },
  };
  const augmenter = createAugmenter({ ...off, shift: 1, noise: 0.05 }, [3, 4, 1]);
  assert.ok(typeof augmenter !== 'string');
  const raw = new Float32Array(36).map((_, i) => (i % 12) / 12);
  const batch = await assembleBatch({
    data: { x: inMemoryExamples(raw, 12), y: Int32Array.from([0, 1, 0]), inputShape: [3, 4, 1], classes: 2 },
    indices: [2, 0, 1],
    seed: 1,
    epoch: 0,
    batchIndex: 0,
    distill: 'per-batch',
    augmenter,
    teacher: recordingTeacher,
  });
  const studentInputs = batch.x.dataSync();
  assert.equal(seen.length, 1);
  assert.deepEqual(Array.from(seen[0]!), Array.from(studentInputs), 'teacher and student see the same batch');
  const unaugmented = [...raw.subarray(24, 36), ...raw.subarray(0, 12), ...raw.subarray(12, 24)];
  assert.notDeepEqual(Array.from(studentInputs), unaugmented, 'and that batch is the augmented one');
  disposeBatch(batch);
});

void test('an epoch of N steps over a smaller set cycles through fresh shuffles of every example', () => {
  const order = epochOrderForSteps(10, 5, 0, 4, 7);
  assert.equal(order.length, 28);
  assert.deepEqual(new Set(order.slice(0, 10)), new Set(Array.from({ length: 10 }, (_, i) => i)));
  assert.deepEqual(new Set(order.slice(10, 20)), new Set(Array.from({ length: 10 }, (_, i) => i)));
  assert.notDeepEqual(order.slice(0, 10), order.slice(10, 20), 'each pass is shuffled anew');
  assert.equal(epochOrderForSteps(10, 5, 0, 4).length, 10, 'without a step count: one pass');
  assert.equal(epochOrderForSteps(10, 5, 0, 4, 2).length, 10, 'never fewer than one pass');
});
