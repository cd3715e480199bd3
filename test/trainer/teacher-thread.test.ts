/**
 * The teacher in its own thread (training.augment): the same outputs as on the training thread, refused once
 * stopped; and the one-batch-ahead prefetch the training loop uses with it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import type { LayerSpec } from '../../src/core/config/types';
import { loadBundled } from '../../src/trainer/data/bundled';
import { indexRange, inMemoryExamples } from '../../src/trainer/data/dataset';
import { buildModel } from '../../src/trainer/model/build-model';
import { createBatchPrefetch } from '../../src/trainer/train/batch-prefetch';
import { assembleBatch } from '../../src/trainer/train/batch-source';
import { layersBatchTeacher } from '../../src/trainer/train/batch-teacher';
import { startThreadBatchTeacher } from '../../src/trainer/train/thread-batch-teacher';
import { useTrainerBackend } from './helpers';

const TEACHER: LayerSpec[] = [
  { type: 'conv2d', filters: 4, kernel_size: 3, strides: 1, padding: 'same', activation: 'relu' },
  { type: 'max_pooling2d', pool_size: 2 },
  { type: 'dense', units: 16, activation: 'relu', use_bias: true, name: 'hidden' },
  { type: 'dropout', rate: 0.5 },
  { type: 'dense', units: 10, activation: 'linear', use_bias: true },
];

const same = (a: tf.Tensor, b: tf.Tensor, what: string): void => {
  assert.deepEqual(a.shape, b.shape, `${what}: shape`);
  assert.deepEqual(Array.from(a.dataSync()), Array.from(b.dataSync()), `${what}: values`);
};

void test('the teacher thread labels a batch exactly as the training thread does (logits from softmax, hints), and refuses once stopped', async () => {
  assert.equal(await useTrainerBackend(), 'wasm');
  const mnist = loadBundled('mnist');
  const built = buildModel(TEACHER, [28, 28, 1], 10, 3, 'teacher');
  // A teacher that outputs probabilities (as an imported one may), and its hinted layer.
  const probabilities = tf.layers.softmax().apply(built.outputs[0]!) as tf.SymbolicTensor;
  const teacher = tf.model({ inputs: built.inputs, outputs: probabilities });
  const extractor = tf.model({
    inputs: built.inputs,
    outputs: [probabilities, built.getLayer('hidden').output as tf.SymbolicTensor],
  });
  const threaded = await startThreadBatchTeacher(teacher, true, extractor);
  assert.ok(typeof threaded !== 'string', `the thread started: ${String(threaded)}`);
  assert.equal(threaded.backend, 'wasm');
  const x = tf.tensor(mnist.x.rows(indexRange(0, 32)), [32, 28, 28, 1]);
  const here = await layersBatchTeacher(teacher, true, extractor).outputs(x);
  const there = await threaded.outputs(x);
  same(there.logits, here.logits, 'logits');
  assert.equal(there.features.length, 1);
  same(there.features[0]!, here.features[0]!, 'hint features');
  assert.ok(
    there.logits.dataSync().every((v) => v <= 0),
    'log-probabilities, since the teacher ends in softmax',
  );
  await threaded.dispose();
  await assert.rejects(threaded.outputs(x), /teacher thread was stopped/);
  tf.dispose([x, here.logits, ...here.features, there.logits, ...there.features]);
  teacher.dispose();
});

void test('prefetch: the batch started ahead is the one taken; one never taken is disposed by drain', async () => {
  await useTrainerBackend();
  const data = {
    x: inMemoryExamples(
      new Float32Array(8 * 4).map((_, i) => i),
      4,
    ),
    y: new Int32Array(8),
    inputShape: [4],
    classes: 2,
  };
  const assembled: number[] = [];
  const at = (batchIndex: number) => () => {
    assembled.push(batchIndex);
    return assembleBatch({
      data,
      indices: [batchIndex * 2, batchIndex * 2 + 1],
      seed: 1,
      epoch: 0,
      batchIndex,
      distill: 'none',
    });
  };
  const before = tf.memory().numTensors;
  const prefetch = createBatchPrefetch();
  prefetch.ahead(1, at(1));
  const first = await prefetch.take(0, at(0));
  const second = await prefetch.take(1, at(1));
  assert.deepEqual(assembled, [1, 0], 'batch 1 was assembled once, ahead of batch 0');
  assert.deepEqual(Array.from(second.x.dataSync()), [8, 9, 10, 11, 12, 13, 14, 15]);
  assert.deepEqual(Array.from(first.x.dataSync()), [0, 1, 2, 3, 4, 5, 6, 7]);
  tf.dispose([first.x, first.y, first.weightOwn, second.x, second.y, second.weightOwn]);
  prefetch.ahead(2, at(2));
  await prefetch.drain();
  assert.equal(tf.memory().numTensors, before, 'the batch started ahead and never taken was disposed');
});
