/**
 * student.init: teacher. The copied student computes exactly what the teacher computes with its dropped units
 * silenced (their incoming weights and biases zeroed), for dense and conv teachers; at width 1 it is the teacher.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import type { LayerSpec } from '../../src/core/config/types';
import { trainInProcess } from './train-in-process';
import { buildModel } from '../../src/trainer/model/build-model';
import { initFromTeacher, strongestUnits } from '../../src/trainer/model/init-from-teacher';
import { tempDir, useTrainerBackend, writeConfig } from './helpers';
import { conv3x3Spec, denseSpec, maxPool2Spec } from './layer-specs';

before(async () => {
  await useTrainerBackend();
});

const pool = maxPool2Spec('pool');

/** A copy of `teacher` whose units outside `kept` (per layer name) have zero incoming weights and bias. */
function silenced(teacher: tf.LayersModel, layers: readonly LayerSpec[], shape: number[], kept: Map<string, number[]>) {
  const copy = buildModel(layers, shape, 3, 1, 'masked');
  copy.setWeights(teacher.getWeights());
  for (const [name, units] of kept) {
    const layer = copy.getLayer(name);
    const [kernel, bias] = layer.getWeights();
    const outputs = kernel!.shape[kernel!.shape.length - 1]!;
    const keep = tf.tensor1d(Array.from({ length: outputs }, (_, u) => (units.includes(u) ? 1 : 0)));
    layer.setWeights([kernel!.mul(keep), bias!.mul(keep)]);
  }
  return copy;
}

function keptUnits(teacher: tf.LayersModel, name: string, count: number): number[] {
  const [kernel] = teacher.getLayer(name).getWeights();
  const columns = kernel!.shape[kernel!.shape.length - 1]!;
  return strongestUnits(kernel!.dataSync() as Float32Array, kernel!.size / columns, columns, count);
}

function maxDifference(a: tf.Tensor, b: tf.Tensor): number {
  return tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!;
}

void test('dense teacher: the student equals the teacher with its weakest hidden units silenced', () => {
  const teacherLayers = [denseSpec(8, 'relu', 'h1'), denseSpec(6, 'relu', 'h2'), denseSpec(3, 'linear', 'out')];
  const studentLayers = [denseSpec(4, 'relu', 'h1'), denseSpec(3, 'relu', 'h2'), denseSpec(3, 'linear', 'out')];
  const teacher = buildModel(teacherLayers, [4], 3, 7, 'teacher');
  const student = buildModel(studentLayers, [4], 3, 9, 'student');
  const summary = initFromTeacher(student, teacher);
  assert.deepEqual(
    summary.layers.map((l) => `${l.name} ${l.kept}/${l.total}`),
    ['h1 4/8', 'h2 3/6', 'out 3/3'],
  );
  const kept = new Map([
    ['h1', keptUnits(teacher, 'h1', 4)],
    ['h2', keptUnits(teacher, 'h2', 3)],
  ]);
  const x = tf.randomNormal([16, 4], 0, 1, 'float32', 3);
  const expected = silenced(teacher, teacherLayers, [4], kept).predict(x) as tf.Tensor;
  const difference = maxDifference(student.predict(x) as tf.Tensor, expected);
  assert.ok(difference < 1e-5, `student differs from the silenced teacher by ${difference}`);
  const full = buildModel(teacherLayers, [4], 3, 11, 'full');
  initFromTeacher(full, teacher);
  assert.ok(
    maxDifference(full.predict(x) as tf.Tensor, teacher.predict(x) as tf.Tensor) < 1e-6,
    'width 1: the teacher',
  );
});

void test('conv teacher: kept filters carry through pooling and flattening to the dense rows that read them', () => {
  // One architecture at two sets of widths (filters of c1 and c2, units of h).
  const convNet = (c1: number, c2: number, h: number): LayerSpec[] => [
    conv3x3Spec(c1, 'c1'),
    pool,
    conv3x3Spec(c2, 'c2'),
    denseSpec(h, 'relu', 'h'),
    denseSpec(3, 'linear', 'out'),
  ];
  const teacherLayers = convNet(6, 4, 5);
  const studentLayers = convNet(3, 2, 3);
  const shape = [6, 6, 1];
  const teacher = buildModel(teacherLayers, shape, 3, 5, 'teacher');
  const student = buildModel(studentLayers, shape, 3, 6, 'student');
  initFromTeacher(student, teacher);
  const kept = new Map([
    ['c1', keptUnits(teacher, 'c1', 3)],
    ['c2', keptUnits(teacher, 'c2', 2)],
    ['h', keptUnits(teacher, 'h', 3)],
  ]);
  const x = tf.randomUniform([8, ...shape], 0, 1, 'float32', 4);
  const expected = silenced(teacher, teacherLayers, shape, kept).predict(x) as tf.Tensor;
  const difference = maxDifference(student.predict(x) as tf.Tensor, expected);
  assert.ok(difference < 1e-5, `student differs from the silenced teacher by ${difference}`);
});

void test('strongestUnits ranks columns by the L1 norm of their incoming weights and keeps their order', () => {
  // Columns' L1 norms: 3, 9, 1, 5.
  const kernel = Float32Array.from([1, -4, 0, 2, -2, 5, 1, -3]);
  assert.deepEqual(strongestUnits(kernel, 2, 4, 2), [1, 3]);
  assert.deepEqual(strongestUnits(kernel, 2, 4, 3), [0, 1, 3]);
});

void test('a run with student.init: teacher starts the student and its baseline from the teacher, and says so', async () => {
  const dir = tempDir('init-teacher');
  const configPath = writeConfig(
    dir,
    'c.distill.yaml',
    `version: 1
data:
  source: iris
  split: { validation: 0.2, test: 0.3, seed: 5 }
teacher:
  layers:
    - dense: { units: 16, activation: relu }
    - dense: { units: 3 }
  training: { epochs: 30, batch_size: 16, learning_rate: 0.02 }
student:
  from_teacher: { width: 0.5 }
  init: teacher
training: { epochs: 2, batch_size: 16, learning_rate: 0.001 }
evaluation: { baseline: true, seeds: 1 }
`,
  );
  const { report } = await trainInProcess(configPath, path.join(dir, 'run'));
  assert.equal(report.status, 'done', report.error);
  assert.equal(report.student!.budget!.initial_weights, 'teacher');
  assert.equal(report.baseline!.budget!.initial_weights, 'teacher');
  // Two short epochs at a small learning rate from the teacher's strongest half: already far above chance (1/3).
  assert.ok(report.student!.metrics.accuracy > 0.6, `student ${report.student!.metrics.accuracy}`);
});
