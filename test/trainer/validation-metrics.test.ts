/**
 * report.json's `validation` block (what sweeps select on): filled for every reported model from the
 * validation split, checked against an independent recomputation from the saved models, and absent when
 * the config has no validation split.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import type { ModelResult, RunReport } from '../../src/core/protocol/report';
import { type Dataset, readAll } from '../../src/trainer/data/dataset';
import { prepareData } from '../../src/trainer/data/load-data';
import { trainInProcess } from './train-in-process';
import { loadModel } from '../../src/trainer/model/model-files';
import { checkConfigFile } from '../../src/trainer/run/config-check';
import { FIXTURES, tempDir, useTrainerBackend, writeConfig } from './helpers';

const ROLES = ['teacher', 'student', 'baseline', 'pruned', 'quantized'] as const;

async function train(configPath: string): Promise<{ report: RunReport; runDir: string }> {
  const runDir = path.join(tempDir('validation'), 'run');
  const { report } = await trainInProcess(configPath, runDir);
  assert.equal(report.status, 'done', report.error);
  return { report, runDir };
}

/** Top-1 classes and mean cross-entropy of a saved model on a split, computed here with plain tfjs (not the trainer's evaluation code). */
async function recompute(
  runDir: string,
  result: ModelResult,
  split: Dataset,
): Promise<{ predicted: number[]; loss: number }> {
  const { model } = await loadModel(path.join(runDir, result.model_dir!, 'model.json'));
  try {
    return tf.tidy(() => {
      const logits = model.predict(tf.tensor(readAll(split.x), [split.y.length, ...split.inputShape])) as tf.Tensor2D;
      const loss = tf.losses
        .softmaxCrossEntropy(tf.oneHot(tf.tensor1d(split.y, 'int32'), split.classNames.length), logits)
        .dataSync()[0]!;
      return { predicted: Array.from(logits.argMax(1).dataSync()), loss };
    });
  } finally {
    model.dispose();
  }
}

const accuracyOf = (predicted: readonly number[], labels: Int32Array): number =>
  predicted.filter((p, i) => p === labels[i]).length / labels.length;
const agreementOf = (a: readonly number[], b: readonly number[]): number =>
  a.filter((p, i) => p === b[i]).length / a.length;

void test('iris: teacher, student, baseline, pruned and quantized carry validation metrics that match a recomputation on the validation split', async () => {
  await useTrainerBackend();
  const configPath = path.join(FIXTURES, 'iris-fast.distill.yaml');
  const { report, runDir } = await train(configPath);
  const { config } = checkConfigFile(configPath);
  const data = prepareData(config, path.dirname(configPath));
  assert.equal(data.validation.y.length, report.dataset!.validation);
  assert.ok(data.validation.y.length > 0);

  for (const role of ROLES) {
    const v = report[role]?.validation;
    assert.ok(v, `${role} has validation metrics`);
    assert.ok(v.accuracy >= 0 && v.accuracy <= 1, `${role} validation accuracy ${v.accuracy}`);
    assert.ok(v.accuracy > 0.5, `${role} validation accuracy ${v.accuracy} is far above chance (0.33)`);
    assert.ok(v.loss !== undefined && Number.isFinite(v.loss) && v.loss >= 0, `${role} validation loss ${v.loss}`);
    assert.ok(
      v.agreement !== undefined && v.agreement >= 0 && v.agreement <= 1,
      `${role} validation agreement ${v.agreement}`,
    );
    assert.ok(v.kl_to_teacher !== undefined && v.kl_to_teacher >= 0, `${role} validation KL ${v.kl_to_teacher}`);
    assert.ok(v.ece !== undefined && v.ece >= 0 && v.ece <= 1, `${role} validation ECE ${v.ece}`);
    // Measured on the validation split, not copied from the test split (30 vs 45 examples: the losses cannot coincide).
    assert.notEqual(v.loss, report[role]!.metrics.loss, `${role}: validation loss equals test loss`);
  }
  assert.equal(report.teacher!.validation!.agreement, 1, 'the teacher agrees with itself');
  assert.equal(report.teacher!.validation!.kl_to_teacher, 0);

  const teacherValidation = await recompute(runDir, report.teacher!, data.validation);
  for (const role of ['teacher', 'student', 'baseline', 'pruned', 'quantized'] as const) {
    const result = report[role]!;
    const validation = await recompute(runDir, result, data.validation);
    const test = await recompute(runDir, result, data.test);
    assert.equal(
      result.validation!.accuracy,
      accuracyOf(validation.predicted, data.validation.y),
      `${role}: reported validation accuracy is the saved model's`,
    );
    assert.equal(
      result.validation!.agreement,
      agreementOf(validation.predicted, teacherValidation.predicted),
      `${role}: validation agreement with the teacher`,
    );
    assert.ok(
      Math.abs(result.validation!.loss! - validation.loss) < 1e-4,
      `${role}: validation loss ${result.validation!.loss} vs ${validation.loss}`,
    );
    // The test-split metrics stay the test split's: the two are measured independently.
    assert.equal(result.metrics.accuracy, accuracyOf(test.predicted, data.test.y), `${role}: test accuracy`);
  }
});

void test('no validation split: the validation block is omitted', async () => {
  await useTrainerBackend();
  const dir = tempDir('validation-none');
  const configPath = writeConfig(
    dir,
    'none.distill.yaml',
    [
      'version: 1',
      'data: { source: iris, split: { validation: 0, test: 0.3, seed: 5 } }',
      'teacher:',
      '  layers: [ { dense: { units: 16, activation: relu } }, { dense: { units: 3 } } ]',
      '  training: { epochs: 5, batch_size: 16, learning_rate: 0.02 }',
      'student:',
      '  layers: [ { dense: { units: 4, activation: relu } }, { dense: { units: 3 } } ]',
      'training: { epochs: 5, batch_size: 16, learning_rate: 0.02 }',
      'compression: { quantization: { dtype: int8 } }',
      'evaluation: { baseline: true, seeds: 1 }',
      '',
    ].join('\n'),
  );
  const { report } = await train(configPath);
  assert.equal(report.dataset!.validation, 0);
  for (const role of ['teacher', 'student', 'baseline', 'quantized'] as const) {
    assert.ok(report[role], `${role} result present`);
    assert.equal(report[role].validation, undefined, `${role} has no validation block`);
    assert.ok('accuracy' in report[role].metrics);
  }
});
