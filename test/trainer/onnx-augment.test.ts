/**
 * Function matching with an ONNX teacher (`training.augment`): the real onnxruntime session labels exactly the
 * augmented batch the student trains on (logits and a hint value), and a run with shift + mixup and a hint distils
 * end to end with the teacher asked per batch.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { createAugmenter } from '../../src/trainer/augment/batch-augmenter';
import { inMemoryExamples } from '../../src/trainer/data/dataset';
import { runTraining } from '../../src/trainer/engine';
import { onnxBatchTeacher } from '../../src/trainer/onnx/onnx-batch-teacher';
import { OnnxTeacher } from '../../src/trainer/onnx/onnx-teacher';
import { assembleBatch, disposeBatch } from '../../src/trainer/train/batch-source';
import { tempDir, useTrainerBackend, writeConfig } from './helpers';
import { readReference, referencePixels, TEACHER_FILE } from './onnx-variants';

before(async () => {
  await useTrainerBackend();
});

const reference = readReference();
const HIDDEN = '/Relu_2_output_0';
const spec = {
  file: TEACHER_FILE,
  shown: 'fashion-cnn.onnx',
  input: { layout: 'nchw' as const, mean: reference.input.mean, std: reference.input.std },
  dataShape: [28, 28, 1],
  classes: 10,
  hintValues: [HIDDEN],
};

const maxDifference = (a: ArrayLike<number>, b: ArrayLike<number>): number =>
  Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

void test('the ONNX teacher labels the augmented batch the student sees, hint value included', async () => {
  const pixels = referencePixels(reference);
  const count = pixels.length / 784;
  const augmenter = createAugmenter({ shift: 3, flip: true, crop: 1, noise: 0, mixup: 0 }, [28, 28, 1]);
  assert.ok(typeof augmenter !== 'string');
  const batchTeacher = onnxBatchTeacher(await OnnxTeacher.open(spec), 10, [HIDDEN]);
  const check = await OnnxTeacher.open(spec);
  try {
    const batch = await assembleBatch({
      data: {
        x: inMemoryExamples(pixels, 784),
        y: Int32Array.from(reference.reference.labels),
        inputShape: [28, 28, 1],
        classes: 10,
      },
      indices: Array.from({ length: count }, (_, i) => i),
      seed: 4,
      epoch: 0,
      batchIndex: 0,
      distill: 'per-batch',
      augmenter,
      teacher: batchTeacher,
    });
    const seen = batch.x.dataSync() as Float32Array;
    assert.ok(maxDifference(seen, pixels) > 0.5, 'the batch is augmented');
    const onAugmented = await check.run(seen, true);
    const onOriginal = await check.run(pixels, false);
    const logits = batch.teacherLogits!.dataSync();
    assert.deepEqual(batch.teacherLogits!.shape, [count, 10]);
    assert.ok(maxDifference(logits, onAugmented.logits) < 1e-5, 'logits of the augmented images');
    assert.ok(maxDifference(logits, onOriginal.logits) > 0.5, 'not of the original images');
    assert.equal(batch.teacherFeatures?.length, 1);
    assert.deepEqual(batch.teacherFeatures![0]!.shape, [count, 128]);
    assert.ok(maxDifference(batch.teacherFeatures![0]!.dataSync(), onAugmented.features[0]!) < 1e-5);
    disposeBatch(batch);
  } finally {
    await batchTeacher.release();
    await check.release();
  }
});

void test('shift + mixup with an ONNX teacher and a hint: distilled end to end, the teacher asked per batch', async () => {
  const dir = tempDir('onnx-augment');
  const configPath = writeConfig(
    dir,
    'onnx-augment.distill.yaml',
    `version: 1
data:
  source: fashion-mnist
  limit: 600
  split: { validation: 0, test: 0.3, seed: 42 }
teacher:
  model: ${TEACHER_FILE}
  input: { layout: nchw, mean: [${reference.input.mean.join(', ')}], std: [${reference.input.std.join(', ')}] }
student:
  layers:
    - dense: { units: 32, activation: relu, name: hidden }
    - dense: { units: 10 }
distillation:
  temperature: 2
  soft_weight: 0.8
  hard_weight: 0.2
  features:
    - { teacher: "${HIDDEN}", student: hidden, projection: linear, weight: 0.05 }
training:
  epochs: 3
  batch_size: 64
  learning_rate: 0.003
  augment: { shift: 2, mixup: 0.2 }
evaluation: { baseline: false, seeds: 1 }
`,
  );
  const { report, exitCode } = await runTraining({
    configPath,
    runDir: path.join(dir, 'run'),
    resume: false,
    onEvent: () => undefined,
    cancellation: { reason: () => undefined, cancel: () => undefined, dispose: () => undefined },
  });
  assert.equal(exitCode, 0, report.error);
  const budget = report.student!.budget!;
  assert.equal(budget.teacher_per_batch, true);
  assert.match(budget.augmentation ?? '', /shift/);
  assert.ok(report.teacher!.metrics.accuracy > 0.8, `teacher ${report.teacher!.metrics.accuracy}`);
  // Three epochs of shifted, mixed images are few for an MLP (about 0.44 measured; 0.68 without augmentation):
  // the bar is three times chance (0.1). That the teacher labels the student's own batch is the test above.
  assert.ok(report.student!.metrics.accuracy > 0.3, `student ${report.student!.metrics.accuracy} (chance: 0.1)`);
  assert.ok(report.student!.metrics.agreement > 0.3, `agreement ${report.student!.metrics.agreement}`);
});
