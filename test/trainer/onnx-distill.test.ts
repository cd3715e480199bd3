/**
 * End to end with the committed PyTorch teacher: distilled into a small TF.js student on Fashion-MNIST images the
 * teacher never saw (its held-out sample), with a hint on an intermediate value of the ONNX graph. The teacher's
 * test accuracy here must match its held-out accuracy measured by PyTorch at export within a point.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import type { RunReport } from '../../src/core/protocol/report';
import { readOnnxGraph } from '../../src/core/onnx/onnx-graph';
import { runTraining } from '../../src/trainer/engine';
import { tempDir, useTrainerBackend, writeConfig } from './helpers';
import { nanTeacher, readReference, TEACHER_FILE } from './onnx-variants';

before(async () => {
  await useTrainerBackend();
});

const noCancel = {
  reason: (): string | undefined => undefined,
  cancel: (): void => undefined,
  dispose: (): void => undefined,
};

function hiddenValue(): string {
  const read = readOnnxGraph(fs.readFileSync(TEACHER_FILE));
  assert.ok(read.ok);
  const hidden = read.graph.values.find((v) => v.shape?.length === 2 && v.shape[1] === 128);
  assert.ok(hidden);
  return hidden.name;
}

// limit 4000 with split seed 42 draws a subset of the teacher's held-out sample (limit 10000, seed 42); test 0.5
// leaves 2,000 test images, enough that one point (20 images) is a meaningful tolerance.
const config = (model: string, hint: string, output = 'logits'): string => `version: 1
data:
  source: fashion-mnist
  limit: 4000
  split: { validation: 0.1, test: 0.5, seed: 42 }
teacher:
  model: ${model}
  input: { layout: nchw, mean: [0.2860], std: [0.3530] }
  output: ${output}
student:
  layers:
    - dense: { units: 32, activation: relu, name: hidden }
    - dense: { units: 10 }
distillation:
  temperature: 4
  soft_weight: 0.7
  hard_weight: 0.3
  features:
    - { teacher: "${hint}", student: hidden, projection: linear, weight: 0.05 }
training: { epochs: 2, batch_size: 64, learning_rate: 0.003 }
evaluation: { baseline: true, seeds: 1 }
`;

void test('the PyTorch teacher distils into a TF.js student with a hint; its accuracy matches the export', async () => {
  const reference = readReference();
  const dir = tempDir('onnx-distill');
  const configPath = writeConfig(dir, 'onnx.distill.yaml', config(TEACHER_FILE, hiddenValue()));
  const runDir = path.join(dir, 'run');
  const { report, exitCode } = await runTraining({
    configPath,
    runDir,
    resume: false,
    onEvent: () => undefined,
    cancellation: noCancel,
  });
  assert.equal(exitCode, 0, report.error);
  const teacher = report.teacher!;
  assert.match(teacher.label, /onnxruntime/);
  assert.equal(report.dataset!.test, 2000);
  assert.ok(
    Math.abs(teacher.metrics.accuracy - reference.held_out_accuracy) <= 0.01,
    `teacher ${teacher.metrics.accuracy} vs held-out ${reference.held_out_accuracy} at export`,
  );
  assert.equal(teacher.metrics.fgsm_accuracy, undefined, 'no gradients through onnxruntime: not measured');
  assert.equal(teacher.bytes, fs.statSync(TEACHER_FILE).size);
  const student = report.student!;
  assert.ok(student.metrics.accuracy > 0.6, `student ${student.metrics.accuracy} (chance: 0.1)`);
  assert.ok(student.metrics.agreement > 0.6);
  // The baseline worker read the teacher's cached outputs (an ONNX teacher has no TF.js model to reload).
  assert.ok(report.baseline!.metrics.accuracy > 0.5);
  assert.ok(report.baseline!.metrics.agreement > 0.5);
  // The teacher's outputs are computed once and cached in the run (the baseline worker and --resume read them).
  for (const name of ['train-logits', 'test-logits', 'validation-logits', 'train-hint-1'])
    assert.ok(fs.existsSync(path.join(runDir, 'teacher', 'outputs', `${name}.f32`)), name);
  const saved = JSON.parse(fs.readFileSync(path.join(runDir, 'report.json'), 'utf8')) as RunReport;
  assert.equal(saved.status, 'done');
});

void test('a teacher that emits NaN fails the run with its file named; the run directory keeps the report', async () => {
  const dir = tempDir('onnx-nan');
  const model = path.join(dir, 'broken.onnx');
  const bytes = nanTeacher();
  fs.writeFileSync(model, bytes);
  const configPath = writeConfig(dir, 'nan.distill.yaml', config('broken.onnx', hiddenValue(), 'poisoned'));
  const runDir = path.join(dir, 'run');
  const { report, exitCode } = await runTraining({
    configPath,
    runDir,
    resume: false,
    onEvent: () => undefined,
    cancellation: noCancel,
  });
  assert.equal(exitCode, 1);
  assert.match(report.error ?? '', /^broken\.onnx: .*not a finite number/);
  assert.ok(report.hint);
  const saved = JSON.parse(fs.readFileSync(path.join(runDir, 'report.json'), 'utf8')) as RunReport;
  assert.equal(saved.status, 'failed');
  assert.deepEqual(fs.readFileSync(model), Buffer.from(bytes));
});
