/**
 * Real onnxruntime sessions on the committed PyTorch teacher: its logits equal those PyTorch computed at export,
 * through NCHW and NHWC inputs, with its mean/std applied; a Softmax output becomes log-probabilities; a hint
 * reads an intermediate value; and each broken teacher fails with an error naming its file, leaving it untouched.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { readOnnxGraph } from '../../src/core/onnx/onnx-graph';
import { OnnxTeacher, type OnnxTeacherSpec } from '../../src/trainer/onnx/onnx-teacher';
import { TrainerError } from '../../src/trainer/run/errors';
import { tempDir } from './helpers';
import {
  channelsLastTeacher,
  nanTeacher,
  probabilitiesTeacher,
  readReference,
  referencePixels,
  TEACHER_FILE,
  unknownOperatorTeacher,
  wrongRankTeacher,
} from './onnx-variants';

const reference = readReference();
const pixels = referencePixels(reference);
const expected = Float32Array.from(reference.reference.logits.flat());
const normalisation = { mean: reference.input.mean, std: reference.input.std };

function spec(file: string, extra: Partial<OnnxTeacherSpec> = {}): OnnxTeacherSpec {
  return { file, shown: path.basename(file), dataShape: [28, 28, 1], classes: 10, hintValues: [], ...extra };
}

async function logitsOf(s: OnnxTeacherSpec, x: Float32Array = pixels): Promise<Float32Array> {
  const teacher = await OnnxTeacher.open(s);
  try {
    return (await teacher.run(x, false)).logits;
  } finally {
    await teacher.release();
  }
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length);
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
}

function write(name: string, bytes: Uint8Array): string {
  const file = path.join(tempDir('onnx'), name);
  fs.writeFileSync(file, bytes);
  return file;
}

void test('NCHW with the teacher mean/std: the logits equal those PyTorch stored at export', async () => {
  const logits = await logitsOf(spec(TEACHER_FILE, { input: { layout: 'nchw', ...normalisation } }));
  assert.ok(maxDifference(logits, expected) < 1e-3, `max difference ${maxDifference(logits, expected)}`);
});

void test('NHWC: a channels-last export of the same network gives the same logits with layout nhwc', async () => {
  const file = write('nhwc.onnx', channelsLastTeacher());
  const logits = await logitsOf(spec(file, { input: { layout: 'nhwc', ...normalisation } }));
  assert.ok(maxDifference(logits, expected) < 1e-3);
  await assert.rejects(
    OnnxTeacher.open(spec(file, { input: { layout: 'nchw', ...normalisation } })),
    (error: Error) => /nhwc\.onnx/.test(error.message) && /layout nchw/.test(error.message),
  );
});

void test('mean/std: pixels normalised by hand with mean 0 / std 1 give the same logits; no normalisation changes them', async () => {
  const normalised = pixels.map((v) => (v - normalisation.mean[0]!) / normalisation.std[0]!);
  const byHand = await logitsOf(spec(TEACHER_FILE, { input: { mean: [0], std: [1] } }), normalised);
  assert.ok(maxDifference(byHand, expected) < 1e-3);
  const raw = await logitsOf(spec(TEACHER_FILE));
  assert.ok(maxDifference(raw, expected) > 0.5, 'forgetting the normalisation changes the logits');
});

void test('a probabilities output (Softmax at the end) becomes log-probabilities: log softmax of the reference logits', async () => {
  const file = write('probs.onnx', probabilitiesTeacher());
  const teacher = await OnnxTeacher.open(spec(file, { input: normalisation }));
  assert.equal(teacher.probabilities, true);
  const { logits } = await teacher.run(pixels, false);
  await teacher.release();
  for (let row = 0; row < expected.length / 10; row++) {
    const z = expected.subarray(row * 10, row * 10 + 10);
    const max = Math.max(...z);
    const logSum = max + Math.log(z.reduce((s, v) => s + Math.exp(v - max), 0));
    for (let c = 0; c < 10; c++) {
      const want = Math.max(z[c]! - logSum, Math.log(1e-7));
      assert.ok(Math.abs(logits[row * 10 + c]! - want) < 1e-3, `row ${row} class ${c}`);
    }
  }
});

void test('a hint on an intermediate value: the graph copy outputs it, the file on disk is unchanged', async () => {
  const before = fs.readFileSync(TEACHER_FILE);
  const read = readOnnxGraph(before);
  assert.ok(read.ok);
  const hidden = read.graph.values.find((v) => v.shape?.length === 2 && v.shape[1] === 128);
  assert.ok(hidden, 'the teacher has a 128-wide hidden value');
  const teacher = await OnnxTeacher.open(spec(TEACHER_FILE, { input: normalisation, hintValues: [hidden.name] }));
  const { logits, features } = await teacher.run(pixels, true);
  await teacher.release();
  assert.ok(maxDifference(logits, expected) < 1e-3);
  assert.equal(features.length, 1);
  assert.equal(features[0]!.length, 8 * 128);
  assert.ok(features[0]!.some((v) => v !== 0));
  assert.deepEqual(fs.readFileSync(TEACHER_FILE), before);
});

async function rejectsNaming(s: OnnxTeacherSpec, pattern: RegExp, run = false): Promise<void> {
  const attempt = async (): Promise<void> => {
    const teacher = await OnnxTeacher.open(s);
    try {
      if (run) await teacher.run(pixels, false);
    } finally {
      await teacher.release();
    }
  };
  await assert.rejects(attempt(), (error: Error) => {
    assert.ok(error instanceof TrainerError, `a TrainerError, not ${error.name}: ${error.message}`);
    assert.ok(error.message.startsWith(`${s.shown}:`), `names the file: ${error.message}`);
    assert.match(error.message, pattern);
    return true;
  });
}

void test('bad teachers: each fails with a clear error naming the file, which is left as it was', async () => {
  const bytes = fs.readFileSync(TEACHER_FILE);
  const cases: [string, Uint8Array, Partial<OnnxTeacherSpec>, RegExp, boolean][] = [
    ['truncated.onnx', bytes.subarray(0, Math.floor(bytes.length / 2)), {}, /truncated|not an ONNX model/, false],
    ['notes.onnx', new TextEncoder().encode('these are my notes, not a model\n'), {}, /not an ONNX model/, false],
    ['rank.onnx', wrongRankTeacher(), {}, /rank 3, not 4/, false],
    ['layout.onnx', bytes, { input: { layout: 'nhwc' } }, /layout nhwc/, false],
    ['output.onnx', bytes, { output: 'logit' }, /no output `logit`.*Did you mean 'logits'/, false],
    ['nan.onnx', nanTeacher(), {}, /not a finite number/, true],
    ['custom-op.onnx', unknownOperatorTeacher(), {}, /onnxruntime cannot run this model/, false],
  ];
  for (const [name, content, extra, pattern, run] of cases) {
    const file = write(name, content);
    await rejectsNaming(spec(file, { shown: name, ...extra }), pattern, run);
    assert.deepEqual(fs.readFileSync(file), Buffer.from(content), `${name} is untouched`);
  }
});
