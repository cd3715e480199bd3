/**
 * An ONNX teacher's outputs live on disk in the run (`teacher/outputs/*.f32`, written chunk by chunk through the
 * same float-record files as a TF.js teacher's) and are read per batch: they hold exactly what the teacher gives
 * over the whole split in one in-memory call (the path before), the report's teacher metrics are those of its
 * in-memory logits, and a file of the wrong size met on --resume fails the run naming it. Real onnxruntime, the
 * committed PyTorch teacher with a hint value, a small Fashion-MNIST sample.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { parseConfig } from '../../src/core/config/parse';
import { readAll } from '../../src/trainer/data/dataset';
import { prepareData } from '../../src/trainer/data/load-data';
import { runTraining } from '../../src/trainer/engine';
import { OnnxTeacher } from '../../src/trainer/onnx/onnx-teacher';
import { tempDir, useTrainerBackend, writeConfig } from './helpers';
import { readReference, TEACHER_FILE } from './onnx-variants';

before(async () => {
  await useTrainerBackend();
});

const reference = readReference();
const HIDDEN = '/Relu_2_output_0';
const noCancel = { reason: (): undefined => undefined, cancel: (): void => undefined, dispose: (): void => undefined };

const configText = `version: 1
data:
  source: fashion-mnist
  limit: 500
  split: { validation: 0.1, test: 0.2, seed: 3 }
teacher:
  model: ${TEACHER_FILE}
  input: { layout: nchw, mean: [${reference.input.mean.join(', ')}], std: [${reference.input.std.join(', ')}] }
student:
  layers:
    - dense: { units: 16, activation: relu, name: hidden }
    - dense: { units: 10 }
distillation:
  features: [ { teacher: "${HIDDEN}", student: hidden, projection: linear, weight: 0.05 } ]
training: { epochs: 3, batch_size: 32, learning_rate: 0.01 }
evaluation: { baseline: false, seeds: 1 }
`;

const floats = (file: string): Float32Array => {
  const bytes = fs.readFileSync(file);
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
};

const maxDifference = (a: ArrayLike<number>, b: ArrayLike<number>): number =>
  Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), a.length === b.length ? 0 : Infinity);

void test('ONNX teacher outputs are written to the run and equal the in-memory outputs; a cut file on resume is named', async () => {
  const dir = tempDir('onnx-outputs');
  const configPath = writeConfig(dir, 'onnx.distill.yaml', configText);
  const runDir = path.join(dir, 'run');
  const train = (resume: boolean) =>
    runTraining({ configPath, runDir, resume, onEvent: () => undefined, cancellation: noCancel });
  const { report, exitCode } = await train(false);
  assert.equal(exitCode, 0, report.error);

  // What the teacher gives over each whole split in one call, held in memory (the path before the files).
  const parsed = parseConfig(fs.readFileSync(configPath, 'utf8'));
  const data = prepareData(parsed.config, dir);
  const session = await OnnxTeacher.open({
    file: TEACHER_FILE,
    shown: 'fashion-cnn.onnx',
    input: parsed.config.teacher.input!,
    dataShape: data.inputShape,
    classes: 10,
    hintValues: [HIDDEN],
  });
  const held = await (async () => {
    try {
      return {
        train: await session.run(readAll(data.train.x), true),
        test: await session.run(readAll(data.test.x), false),
        validation: await session.run(readAll(data.validation.x), false),
      };
    } finally {
      await session.release();
    }
  })();
  const outputs = path.join(runDir, 'teacher', 'outputs');
  const hintWidth = held.train.features[0]!.length / data.train.y.length;
  assert.equal(fs.statSync(path.join(outputs, 'train-logits.f32')).size, data.train.y.length * 10 * 4);
  assert.equal(fs.statSync(path.join(outputs, 'train-hint-1.f32')).size, data.train.y.length * hintWidth * 4);
  assert.equal(maxDifference(floats(path.join(outputs, 'train-logits.f32')), held.train.logits), 0);
  assert.equal(maxDifference(floats(path.join(outputs, 'train-hint-1.f32')), held.train.features[0]!), 0);
  assert.equal(maxDifference(floats(path.join(outputs, 'test-logits.f32')), held.test.logits), 0);
  assert.equal(maxDifference(floats(path.join(outputs, 'validation-logits.f32')), held.validation.logits), 0);
  assert.deepEqual(
    fs.readdirSync(outputs).filter((f) => !f.endsWith('.f32')),
    [],
    'no temporary file is left behind',
  );
  // The report's teacher accuracy is that of the in-memory logits.
  const predicted = (logits: Float32Array, i: number): number => {
    const row = Array.from(logits.subarray(i * 10, (i + 1) * 10));
    return row.indexOf(Math.max(...row));
  };
  const correct = Array.from(data.test.y).filter((label, i) => predicted(held.test.logits, i) === label).length;
  assert.equal(report.teacher!.metrics.accuracy, correct / data.test.y.length);
  assert.ok(report.student!.metrics.agreement > 0.3, `agreement ${report.student!.metrics.agreement}`);

  // Cut short outside Distillery, a file met on --resume fails the run naming it; nothing is read as if whole.
  const hintFile = path.join(outputs, 'train-hint-1.f32');
  fs.truncateSync(hintFile, fs.statSync(hintFile).size - 6);
  const resumed = await train(true);
  assert.equal(resumed.report.status, 'failed');
  assert.ok(resumed.report.error?.startsWith(`${hintFile}: `), resumed.report.error);
  assert.match(resumed.report.error ?? '', /is not \d+ records of equal width: the file was cut short or replaced/);
  assert.match(resumed.report.hint ?? '', /Delete the file named here and run again/);
  // Deleted as the hint says, the outputs are computed again and the run resumes to done.
  fs.rmSync(hintFile);
  const again = await train(true);
  assert.equal(again.report.status, 'done', again.report.error);
  assert.equal(maxDifference(floats(hintFile), held.train.features[0]!), 0);
});
