/**
 * compression.pruning.structure: units. A real iris run: the pruned model is a narrower network (the expected
 * parameter count, a smaller saved file) that stock tf.loadLayersModel loads; the hinted layer and the output
 * keep their width; a sparsity that would empty a layer is refused before training; the fine-tuning applies
 * training.augment with the teacher labelling each augmented batch, as the student phase does. Conv filters, batch
 * normalisation and the dense rows after flattening narrow together (no training: the bookkeeping alone).
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import type { LayerSpec } from '../../src/core/config/types';
import type { RunEvent } from '../../src/core/protocol/run-events';
import { narrowedLayers } from '../../src/core/model/narrow-layers';
import { pruneUnits } from '../../src/trainer/compress/structured-prune';
import { trainInProcess } from './train-in-process';
import { buildModel } from '../../src/trainer/model/build-model';
import { serveFolder, type ServedFolder } from './export/serve-folder';
import { tempDir, useTrainerBackend, writeConfig } from './helpers';
import { conv3x3Spec, denseSpec, maxPool2Spec } from './layer-specs';

const dir = tempDir('structured-pruning');
let served: ServedFolder;
before(async () => {
  await useTrainerBackend();
  served = await serveFolder(dir);
});
after(() => served.close());

const CONFIG = `version: 1
data:
  source: iris
  split: { validation: 0.2, test: 0.3, seed: 5 }
teacher:
  layers:
    - dense: { units: 16, activation: relu, name: teacher_hidden }
    - dense: { units: 3, name: teacher_logits }
  training: { epochs: 20, batch_size: 16, learning_rate: 0.02 }
student:
  layers:
    - dense: { units: 12, activation: relu, name: hinted }
    - dense: { units: 20, activation: relu, name: wide }
    - dense: { units: 2, activation: relu, name: single }
    - dense: { units: 3, name: logits }
distillation:
  features:
    - { teacher: teacher_hidden, student: hinted, projection: linear, weight: 0.05 }
training: { epochs: 10, batch_size: 16, learning_rate: 0.02, augment: { noise: 0.05, mixup: 0.2 } }
compression:
  pruning: { sparsity: 0.6, fine_tune_epochs: 2, structure: units }
evaluation: { baseline: false, seeds: 1 }
`;

void test('structured pruning of a real run: fewer parameters, a smaller file, stock-loadable, hinted width kept', async () => {
  const events: RunEvent[] = [];
  const runDir = path.join(dir, 'run');
  const { report } = await trainInProcess(writeConfig(dir, 'units.distill.yaml', CONFIG), runDir, {
    onEvent: (e) => events.push(e),
  });
  assert.equal(report.status, 'done', report.error);
  // Student: hinted 4*12+12, wide 12*20+20, single 20*2+2, logits 2*3+3 = 371. Pruned at 0.6: hinted and logits
  // keep their width, wide keeps round(20 * 0.4) = 8 (12*8+8), single keeps round(2 * 0.4) = 1 (8*1+1) = 179.
  assert.equal(report.student!.params, 371);
  assert.equal(report.pruned!.params, 179);
  assert.ok(
    report.pruned!.bytes < report.student!.bytes,
    `pruned file ${report.pruned!.bytes} B, student file ${report.student!.bytes} B`,
  );
  // The fine-tuning trains on batches made as the student's: augmented, labelled by the teacher batch by batch.
  assert.equal(report.pruned!.budget?.augmentation, report.student!.budget?.augmentation);
  assert.match(report.pruned!.budget?.augmentation ?? '', /mixup 0\.2/);
  assert.equal(report.pruned!.budget?.teacher_per_batch, true);
  assert.equal(report.pruned!.budget?.steps, 2 * Math.ceil(report.dataset!.train / 16));
  assert.ok(!events.some((e) => e.type === 'warning' && e.code === 'pruning/all-units'));
  const hinted = events.find((e) => e.type === 'warning' && e.code === 'pruning/hinted-width');
  assert.ok(hinted?.type === 'warning', 'the hinted layer keeping its width is said');
  assert.match(
    hinted.message,
    /keeps the width of hinted: a hint .* Units are removed from the other hidden layers only\.$/,
  );

  const stock = await tf.loadLayersModel(`${served.url}/run/pruned/model.json`);
  const widths = stock.layers.map((l) => `${l.name}:${(l.outputShape as number[])[1]}`);
  assert.deepEqual(widths, ['hinted:12', 'wide:8', 'single:1', 'logits:3']);
  assert.equal(stock.countParams(), 179);
  stock.dispose();
});

void test('a units sparsity that would remove every unit of a layer: train refuses before training, naming the layer', async () => {
  const { report } = await trainInProcess(
    writeConfig(
      dir,
      'empties.distill.yaml',
      CONFIG.replace('units: 2, activation: relu, name: single', 'units: 1, activation: relu, name: single'),
    ),
    path.join(dir, 'empties'),
  );
  assert.equal(report.status, 'failed');
  assert.match(
    report.error ?? '',
    /range: Sparsity 0\.6 with `structure: units` would remove every unit of single \(1\)/,
  );
  assert.equal(report.student, undefined, 'nothing was trained');
});

void test('conv filters, batch normalisation and the flattened dense rows narrow together; the output keeps its width', () => {
  const layers: LayerSpec[] = [
    conv3x3Spec(8, 'c1'),
    { type: 'batch_normalization', name: 'bn' },
    maxPool2Spec('pool'),
    conv3x3Spec(6, 'c2'),
    denseSpec(10, 'relu', 'h'),
    denseSpec(3, 'linear', 'out'),
  ];
  const narrowed = narrowedLayers(layers, 0.5, new Set());
  assert.deepEqual(narrowed.keptOne, []);
  const source = buildModel(layers, [6, 6, 1], 3, 1, 'student');
  const pruned = pruneUnits(source, narrowed.layers, [6, 6, 1], 3, 2);
  // c1 9*1*4+4, bn 4*4, c2 9*4*3+3, h (3*3*3)*5+5, out 5*3+3.
  assert.equal(pruned.countParams(), 40 + 16 + 111 + 140 + 18);
  const x = tf.randomUniform([4, 6, 6, 1], 0, 1, 'float32', 3);
  const logits = pruned.predict(x) as tf.Tensor;
  assert.deepEqual(logits.shape, [4, 3]);
  assert.ok(Number.isFinite(logits.sum().dataSync()[0]!));
});

void test('structure: units on a student whose only hidden layer a teacher-shaped hint reads: a warning, nothing removed, nothing lost', async () => {
  const events: RunEvent[] = [];
  const config = CONFIG.replace(
    /student:\n(?: {4}.*\n| {2}layers:\n)+/,
    `student:
  layers:
    - dense: { units: 16, activation: relu, name: hinted }
    - dense: { units: 3, name: logits }
`,
  )
    .replace('projection: linear', 'projection: none')
    .replace('epochs: 10, batch_size: 16', 'epochs: 2, batch_size: 16');
  assert.match(config, /units: 16, activation: relu, name: hinted/);
  const { report } = await trainInProcess(
    writeConfig(dir, 'hinted-only.distill.yaml', config),
    path.join(dir, 'hinted-only'),
    { onEvent: (e) => events.push(e) },
  );
  assert.equal(report.status, 'done', report.error);
  const warning = events.find((e) => e.type === 'warning' && e.code === 'pruning/hinted-width');
  assert.ok(warning?.type === 'warning');
  assert.match(
    warning.message,
    /No other hidden layer is left to prune: the pruned model is as large as the student\.$/,
  );
  assert.equal(report.pruned!.params, report.student!.params);
});
