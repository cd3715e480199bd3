/** A loaded teacher that ends in softmax still yields exact logits; an image-folder dataset trains end to end. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { PNG } from 'pngjs';
import { trainInProcess } from './train-in-process';
import { withLogitOutput } from '../../src/trainer/model/logits-model';
import { saveModel } from '../../src/trainer/model/model-files';
import { RunFiles } from '../../src/trainer/run/run-files';
import { tempDir, useTrainerBackend, writeConfig } from './helpers';

before(async () => {
  await useTrainerBackend();
});

function softmaxTeacher(): tf.Sequential {
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      inputShape: [4],
      units: 16,
      activation: 'relu',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
    }),
  );
  model.add(
    tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
  );
  return model;
}

void test('a softmax teacher is turned into the same network without the softmax: softmax(logits) equals its output', () => {
  const model = softmaxTeacher();
  const logits = withLogitOutput(model);
  assert.ok(logits);
  const x = tf.randomNormal([5, 4], 0, 1, 'float32', 3);
  const probabilities = (model.predict(x) as tf.Tensor).dataSync();
  const fromLogits = tf.softmax(logits.predict(x) as tf.Tensor).dataSync();
  probabilities.forEach((p, i) => assert.ok(Math.abs(p - fromLogits[i]!) < 1e-6));
  assert.equal(withLogitOutput(logits), undefined, 'a model that already ends in logits is left alone');
});

void test('training with a loaded softmax teacher: the run says so and distils from its logits', async () => {
  const dir = tempDir('softmax-teacher');
  // Train the softmax teacher briefly on iris-like data so it is a real classifier, then save it in TF.js format.
  const model = softmaxTeacher();
  await saveModel(model, 'teacher', new RunFiles(dir));
  const config = writeConfig(
    dir,
    'c.distill.yaml',
    `version: 1
data:
  source: iris
  split: { validation: 0.2, test: 0.3, seed: 1 }
teacher:
  model: teacher/model.json
student:
  layers: [ { dense: { units: 4, activation: relu } }, { dense: { units: 3 } } ]
training: { epochs: 2, batch_size: 16 }
evaluation: { baseline: false, seeds: 1 }
`,
  );
  const { report } = await trainInProcess(config, path.join(dir, 'run'));
  assert.equal(report.status, 'done', report.error);
  assert.ok(report.warnings.some((w) => /softmax dense layer/.test(w)));
  assert.equal(report.teacher!.params, 4 * 16 + 16 + 16 * 3 + 3);
});

function writeNoisyPng(file: string, level: number, seed: number): void {
  const png = new PNG({ width: 12, height: 12 });
  let state = seed;
  for (let i = 0; i < png.data.length; i += 4) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const value = Math.max(0, Math.min(255, level + ((state % 61) - 30)));
    png.data[i] = png.data[i + 1] = png.data[i + 2] = value;
    png.data[i + 3] = 255;
  }
  fs.writeFileSync(file, PNG.sync.write(png));
}

void test('an image folder trains end to end (conv teacher on 8x8 grayscale, dense student)', async () => {
  const dir = tempDir('images-run');
  for (const [name, level] of [
    ['dark', 60],
    ['light', 190],
  ] as const) {
    fs.mkdirSync(path.join(dir, 'photos', name), { recursive: true });
    for (let i = 0; i < 30; i++) writeNoisyPng(path.join(dir, 'photos', name, `${i}.png`), level, i + level);
  }
  const config = writeConfig(
    dir,
    'img.distill.yaml',
    `version: 1
data:
  source: { images: photos, size: 8, grayscale: true }
  split: { validation: 0.2, test: 0.3, seed: 2 }
teacher:
  layers:
    - conv2d: { filters: 4, kernel_size: 3, activation: relu }
    - flatten: {}
    - dense: { units: 2 }
  training: { epochs: 8, batch_size: 8, learning_rate: 0.01 }
student:
  layers: [ { dense: { units: 16, activation: relu } }, { dense: { units: 2 } } ]
training: { epochs: 12, batch_size: 8, learning_rate: 0.01 }
evaluation: { baseline: false, seeds: 1 }
`,
  );
  const { report } = await trainInProcess(config, path.join(dir, 'run'));
  assert.equal(report.status, 'done', report.error);
  assert.deepEqual(report.dataset!.classes, ['dark', 'light']);
  assert.ok(report.teacher!.metrics.accuracy >= 0.9, `teacher ${report.teacher!.metrics.accuracy}`);
  assert.ok(report.student!.metrics.accuracy >= 0.9, `student ${report.student!.metrics.accuracy}`);
});
