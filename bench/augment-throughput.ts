/**
 * Student training steps/s with precomputed teacher logits against augmented batches labelled by the teacher per
 * batch (function matching, `training.augment`), same student, teacher, data and batch size, one run. The
 * per-batch paths also pay the teacher's forward pass, which is the price of consistent teaching: on the training
 * thread, or (as training does) in the teacher's own thread while the student steps on the previous batch.
 */
import * as tf from '@tensorflow/tfjs';
import { createAugmenter } from '../src/trainer/augment/batch-augmenter';
import { distillationLossWithHard, mixedCrossEntropy } from '../src/trainer/distill/kd-loss';
import { buildModel } from '../src/trainer/model/build-model';
import { createBatchPrefetch } from '../src/trainer/train/batch-prefetch';
import { assembleBatch, disposeBatch } from '../src/trainer/train/batch-source';
import { layersBatchTeacher } from '../src/trainer/train/batch-teacher';
import { startThreadBatchTeacher } from '../src/trainer/train/thread-batch-teacher';
import { median } from './stats';
import { inMemoryExamples } from '../src/trainer/data/dataset';
import { conv3x3Spec, denseSpec, maxPool2Spec } from '../test/trainer/layer-specs';

/** The demo example's teacher and student (examples/mnist.distill.yaml). */
const TEACHER = [
  conv3x3Spec(16),
  maxPool2Spec(),
  conv3x3Spec(32),
  maxPool2Spec(),
  denseSpec(128, 'relu'),
  denseSpec(10, 'linear'),
];
const STUDENT = [denseSpec(64, 'relu'), denseSpec(10, 'linear')];

export interface AugmentThroughput {
  readonly precomputed: number;
  /** The teacher asked on the training thread, batch after batch. */
  readonly perBatch: number;
  /** The teacher in its own thread, labelling the next batch while the student steps (what training does). */
  readonly perBatchThread: number;
  /** The teacher's forward pass alone: the most the thread can deliver with a second core to itself. */
  readonly teacherOnly: number;
}

/** Samples/s of the teacher's forward pass on batches of 64 (inference, no augmentation, no student). */
function teacherSamplesPerSecond(x: Float32Array, steps: number): number {
  const shape = [28, 28, 1];
  const teacher = buildModel(TEACHER, shape, 10, 1, 'teacher');
  const count = x.length / 784;
  const times: number[] = [];
  for (let step = 0; step <= steps; step++) {
    const from = ((step * 64) % (count - 64)) * 784;
    const t0 = performance.now();
    tf.tidy(() => {
      const batch = tf.tensor(x.subarray(from, from + 64 * 784), [64, ...shape]);
      (teacher.predict(batch, { batchSize: 64 }) as tf.Tensor).dataSync();
    });
    if (step > 0) times.push(performance.now() - t0);
  }
  teacher.dispose();
  return 64 / (median(times) / 1000);
}

type Teaching = 'precomputed' | 'per-batch' | 'per-batch-thread';

async function samplesPerSecond(x: Float32Array, y: Int32Array, teaching: Teaching, steps: number): Promise<number> {
  const shape = [28, 28, 1];
  const teacher = buildModel(TEACHER, shape, 10, 1, 'teacher');
  const student = buildModel(STUDENT, shape, 10, 2, 'student');
  const optimizer = tf.train.adam(0.002);
  const variables = student.trainableWeights.map((w) => w.read() as tf.Variable);
  const count = y.length;
  const perBatch = teaching !== 'precomputed';
  const logits = perBatch ? undefined : (teacher.predict(tf.tensor(x, [count, ...shape])) as tf.Tensor).dataSync();
  const augmenter = createAugmenter({ shift: 2, flip: false, crop: 1, noise: 0, mixup: 0.3 }, shape);
  if (typeof augmenter === 'string') throw new Error(augmenter);
  const threaded = teaching === 'per-batch-thread' ? await startThreadBatchTeacher(teacher, false) : undefined;
  if (typeof threaded === 'string') throw new Error(`The teacher thread did not start: ${threaded}`);
  const batchTeacher = threaded ?? layersBatchTeacher(teacher, false);
  const kd = { temperature: 1, softWeight: 1, hardWeight: 0 };
  const prefetch = createBatchPrefetch();
  const data = {
    x: inMemoryExamples(x, x.length / count),
    y,
    inputShape: shape,
    classes: 10,
    ...(logits ? { teacherLogits: inMemoryExamples(logits as Float32Array, 10) } : {}),
  };
  const assembleAt = (step: number) => () =>
    assembleBatch({
      data,
      indices: Array.from({ length: 64 }, (_, i) => (step * 64 + i) % count),
      seed: 1,
      epoch: 0,
      batchIndex: step,
      distill: perBatch ? 'per-batch' : 'precomputed',
      ...(perBatch ? { augmenter, teacher: batchTeacher } : {}),
    });
  const times: number[] = [];
  let t0 = performance.now();
  for (let step = 0; step <= steps; step++) {
    // As the training loop does: batch k + 1 is started before the step on batch k.
    const batch = await prefetch.take(step, assembleAt(step));
    if (threaded && step < steps) {
      prefetch.ahead(step + 1, assembleAt(step + 1));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    tf.tidy(() => {
      optimizer.minimize(
        () => {
          const out = student.apply(batch.x, { training: true }) as tf.Tensor2D;
          const hard = mixedCrossEntropy(out, batch.y, batch.weightOwn, batch.partner);
          return distillationLossWithHard(out, batch.teacherLogits!, hard, kd).total;
        },
        false,
        variables,
      );
    });
    disposeBatch(batch);
    const now = performance.now();
    if (step > 0) times.push(now - t0); // the first step includes kernel setup
    t0 = now;
  }
  await prefetch.drain();
  await threaded?.dispose();
  optimizer.dispose();
  teacher.dispose();
  student.dispose();
  return 64 / (median(times) / 1000);
}

export async function augmentThroughput(x: Float32Array, y: Int32Array, steps = 60): Promise<AugmentThroughput> {
  return {
    precomputed: await samplesPerSecond(x, y, 'precomputed', steps),
    perBatch: await samplesPerSecond(x, y, 'per-batch', steps),
    perBatchThread: await samplesPerSecond(x, y, 'per-batch-thread', steps),
    teacherOnly: teacherSamplesPerSecond(x, steps),
  };
}
