/**
 * A tabular ONNX teacher takes the encoded raw features: `teacher.input.mean/std` apply to those, independent of
 * the student's own standardisation (which the data path undoes for it). Real onnxruntime, the bundled penguins.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { parseConfig } from '../../src/core/config/parse';
import { runTraining } from '../../src/trainer/engine';
import { loadBundled } from '../../src/trainer/data/bundled';
import { readAll, subset } from '../../src/trainer/data/dataset';
import { prepareData } from '../../src/trainer/data/load-data';
import { splitIndices } from '../../src/trainer/data/split';
import { OnnxTeacher } from '../../src/trainer/onnx/onnx-teacher';
import { tempDir, useTrainerBackend, writeConfig } from './helpers';
import { penguinsTeacher } from './tabular-onnx-teacher';

before(async () => {
  await useTrainerBackend();
});

const teacher = penguinsTeacher();
const list = (values: readonly number[]): string => `[${values.map((v) => v.toPrecision(8)).join(', ')}]`;
const split = { validation: 0.2, test: 0.3, seed: 9 };

const configText = (augment = ''): string => `version: 1
data:
  source: penguins
  split: { validation: ${split.validation}, test: ${split.test}, seed: ${split.seed} }
teacher:
  model: penguins.onnx
  input: { mean: ${list(teacher.mean)}, std: ${list(teacher.std)} }
student:
  layers:
    - dense: { units: 8, activation: relu }
    - dense: { units: 3 }
distillation: { temperature: 2, soft_weight: 0.7, hard_weight: 0.3 }
training: { epochs: 30, batch_size: 16, learning_rate: 0.02${augment} }
compression: { pruning: { sparsity: 0.5, fine_tune_epochs: 1 } }
evaluation: { baseline: false, seeds: 1 }
`;

void test('the teacher gets the encoded raw features: its logits equal those computed from the raw rows', async () => {
  assert.ok(teacher.accuracy > 0.97, `the fitted teacher is a real one (accuracy ${teacher.accuracy})`);
  const dir = tempDir('onnx-tabular');
  const model = path.join(dir, 'penguins.onnx');
  fs.writeFileSync(model, teacher.bytes);
  const configPath = writeConfig(dir, 'penguins.distill.yaml', configText());
  const parsed = parseConfig(fs.readFileSync(configPath, 'utf8'));
  assert.ok(!parsed.hasErrors, JSON.stringify(parsed.diagnostics));
  const data = prepareData(parsed.config, dir);
  assert.ok(data.standardization, 'the student sees standardised features');
  const session = await OnnxTeacher.open({
    file: model,
    shown: 'penguins.onnx',
    input: parsed.config.teacher.input!,
    dataShape: data.inputShape,
    classes: 3,
    hintValues: [],
    standardization: data.standardization,
  });
  let logits: Float32Array;
  try {
    logits = (await session.run(readAll(data.test.x), false)).logits;
  } finally {
    await session.release();
  }
  // The reference reads the same test rows straight from the loader, before any standardisation.
  const raw = loadBundled('penguins');
  const rows = subset(raw, splitIndices(raw.y, 3, { ...split, unlabeled: 0 }).test);
  const expected = teacher.logitsOfRaw(readAll(rows.x));
  assert.equal(logits.length, expected.length);
  const worst = logits.reduce((m, v, i) => Math.max(m, Math.abs(v - expected[i]!)), 0);
  assert.ok(worst < 1e-3, `max difference ${worst}`);
});

void test('a run distils from it (under noise it is asked per batch, pruning fine-tuning too); its accuracy is real', async () => {
  const dir = tempDir('onnx-tabular-run');
  fs.writeFileSync(path.join(dir, 'penguins.onnx'), teacher.bytes);
  for (const augment of ['', ', augment: { noise: 0.05 }']) {
    const configPath = writeConfig(dir, 'penguins.distill.yaml', configText(augment));
    const { report, exitCode } = await runTraining({
      configPath,
      runDir: path.join(dir, `run${augment ? '-augment' : ''}`),
      resume: false,
      onEvent: () => undefined,
      cancellation: { reason: () => undefined, cancel: () => undefined, dispose: () => undefined },
    });
    assert.equal(exitCode, 0, report.error);
    assert.ok(report.teacher!.metrics.accuracy > 0.95, `teacher ${report.teacher!.metrics.accuracy}`);
    assert.ok(report.student!.metrics.agreement > 0.85, `${augment}: agreement ${report.student!.metrics.agreement}`);
    assert.equal(report.student!.budget!.teacher_per_batch, augment ? true : undefined);
    // The pruned student's fine-tuning asks the ONNX teacher per augmented batch too.
    assert.equal(report.pruned!.budget!.teacher_per_batch, augment ? true : undefined);
  }
});
