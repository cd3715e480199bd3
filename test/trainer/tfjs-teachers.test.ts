/**
 * TF.js teachers of every kind, trained through end to end with a hint on real (bundled) iris data:
 * a functional Layers teacher with a residual Add, and a graph model (tensorflowjs_converter's format).
 * `check` predicts what `train` refuses: from_teacher on a branching teacher, a graph model with a missing
 * shard or two inputs, an unknown hint node. Each refusal names the file.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { analyzeConfig } from '../../src/core/analysis/analyze';
import { nodeFileSystem } from '../../src/node/file-system';
import type { Diagnostic } from '../../src/core/diagnostics';
import type { RunEvent } from '../../src/core/protocol/run-events';
import { parseConfig } from '../../src/core/config/parse';
import { prepareData } from '../../src/trainer/data/load-data';
import type { RunOutcome } from '../../src/trainer/engine';
import { trainInProcess } from './train-in-process';
import { loadTeacher } from '../../src/trainer/model/load-teacher';
import { saveModel } from '../../src/trainer/model/model-files';
import { RunFiles } from '../../src/trainer/run/run-files';
import { denseNode, writeGraphModel } from './graph-model-writer';
import { tempDir, useTrainerBackend, writeConfig } from './helpers';
import { readAll } from '../../src/trainer/data/dataset';

before(async () => {
  await useTrainerBackend();
});

const config = (teacher: string, student: string, features: string, baseline = false): string => `version: 1
data: { source: iris, split: { validation: 0.2, test: 0.3, seed: 3 } }
teacher: { model: ${teacher} }
student: ${student}
distillation:
  features: ${features}
training: { epochs: 3, batch_size: 16, learning_rate: 0.01 }
evaluation: { baseline: ${baseline}, seeds: 1 }
`;

const STUDENT = '{ layers: [ { dense: { units: 8, activation: relu, name: hidden } }, { dense: { units: 3 } } ] }';

async function train(file: string, runDir: string): Promise<{ outcome: RunOutcome; events: RunEvent[] }> {
  const events: RunEvent[] = [];
  const outcome = await trainInProcess(file, runDir, { onEvent: (e) => events.push(e) });
  return { outcome, events };
}

const errorsOf = (file: string): Diagnostic[] =>
  analyzeConfig(fs.readFileSync(file, 'utf8'), file, nodeFileSystem).diagnostics.filter((d) => d.severity === 'error');

/** Fits `model` on the iris training split the runs use (same split seed), so the teacher is a real classifier. */
async function fitOnIris(model: tf.LayersModel, dir: string): Promise<void> {
  const data = prepareData(parseConfig(config('t/model.json', STUDENT, '[]')).config, dir);
  const x = tf.tensor(readAll(data.train.x), [data.train.y.length, ...data.inputShape]);
  const y = tf.oneHot(tf.tensor1d(data.train.y, 'int32'), 3);
  // The model ends in logits or in a softmax: the loss takes either.
  const endsInSoftmax = (model.layers.at(-1)?.getConfig() as { activation?: string }).activation === 'softmax';
  model.compile({
    optimizer: tf.train.adam(0.03),
    loss: endsInSoftmax
      ? 'categoricalCrossentropy'
      : (t: tf.Tensor, p: tf.Tensor) => tf.losses.softmaxCrossEntropy(t, p),
  });
  await model.fit(x, y, { epochs: 60, batchSize: 32, verbose: 0 });
  tf.dispose([x, y]);
}

/** Hint terms were trained: every student epoch reports a finite, positive feature loss. */
function assertHintTrained(events: readonly RunEvent[]): void {
  const epochs = events.filter((e) => e.type === 'epoch' && e.role === 'student');
  assert.equal(epochs.length, 3);
  for (const e of epochs) {
    const feature = e.type === 'epoch' ? e.loss_terms?.feature : undefined;
    assert.ok(feature !== undefined && Number.isFinite(feature) && feature > 0, `feature loss ${feature}`);
  }
}

void test('a functional teacher with a residual Add distils with a hint on the Add; from_teacher is refused by check and train alike', async () => {
  const dir = tempDir('functional-teacher');
  const input = tf.input({ shape: [4], name: 'features' });
  const seeded = (seed: number) => tf.initializers.glorotUniform({ seed });
  const a = tf.layers.dense({ units: 12, activation: 'relu', name: 'a', kernelInitializer: seeded(1) }).apply(input);
  const b = tf.layers.dense({ units: 12, activation: 'relu', name: 'b', kernelInitializer: seeded(2) }).apply(a);
  const skip = tf.layers.add({ name: 'skip' }).apply([a, b] as tf.SymbolicTensor[]);
  const out = tf.layers.dense({ units: 3, name: 'out', kernelInitializer: seeded(3) }).apply(skip);
  const model = tf.model({ inputs: input, outputs: out as tf.SymbolicTensor });
  await fitOnIris(model, dir);
  await saveModel(model, 'teacher', new RunFiles(dir));

  const hinted = writeConfig(
    dir,
    'hint.distill.yaml',
    config('teacher/model.json', STUDENT, '[ { teacher: skip, student: hidden, projection: linear, weight: 0.1 } ]'),
  );
  assert.deepEqual(errorsOf(hinted), [], 'check accepts the functional teacher with student.layers');
  const { outcome, events } = await train(hinted, path.join(dir, 'run'));
  assert.equal(outcome.report.status, 'done', outcome.report.error);
  assert.ok(
    outcome.report.teacher!.metrics.accuracy > 0.8,
    `teacher accuracy ${outcome.report.teacher!.metrics.accuracy}`,
  );
  assert.equal(outcome.report.teacher!.params, 4 * 12 + 12 + 12 * 12 + 12 + 12 * 3 + 3);
  assertHintTrained(events);

  const derived = writeConfig(
    dir,
    'derive.distill.yaml',
    config('teacher/model.json', '{ from_teacher: { width: 0.5 } }', '[]'),
  );
  const [refusal, ...others] = errorsOf(derived);
  assert.equal(others.length, 0);
  assert.equal(refusal?.code, 'unknown-layer');
  assert.match(refusal!.message, /cannot shrink the teacher's Add layer 'skip': it merges 2 branches \(a, b\)/);
  const failed = await train(derived, path.join(dir, 'run-derived'));
  assert.equal(failed.outcome.report.status, 'failed');
  assert.ok(failed.outcome.report.error?.includes(refusal!.message), failed.outcome.report.error);
});

void test('a Layers teacher taking the same values in another shape ([2, 2] for iris [4]) is fed reshaped, as check allows', async () => {
  const dir = tempDir('reshaped-teacher');
  const model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [2, 2], name: 'flat' }),
      tf.layers.dense({
        units: 8,
        activation: 'relu',
        name: 'hidden_t',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 6 }),
      }),
      tf.layers.dense({ units: 3, name: 'out', kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }) }),
    ],
  });
  await saveModel(model, 'teacher', new RunFiles(dir));
  const file = writeConfig(
    dir,
    'reshaped.distill.yaml',
    config('teacher/model.json', STUDENT, '[ { teacher: hidden_t, student: hidden, weight: 0.1 } ]'),
  );
  assert.deepEqual(errorsOf(file), []);
  const { outcome, events } = await train(file, path.join(dir, 'run'));
  assert.equal(outcome.report.status, 'done', outcome.report.error);
  assertHintTrained(events);
});

/** A trained Sequential MLP 4-16-3 with a softmax output, and the same network written as a graph model. */
async function graphTeacher(dir: string, options: Parameters<typeof writeGraphModel>[2] = {}) {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({
        inputShape: [4],
        units: 16,
        activation: 'relu',
        name: 'dense',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }),
      }),
      tf.layers.dense({
        units: 3,
        activation: 'softmax',
        name: 'dense_1',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }),
      }),
    ],
  });
  await fitOnIris(model, dir);
  const file = writeGraphModel(model, path.join(dir, 'graph'), { softmax: true, ...options });
  return { model, file };
}

void test('a graph-model teacher distils with a hint on a node, gives the same accuracy as its Layers twin, and the baseline worker loads its copy', async () => {
  const dir = tempDir('graph-teacher');
  const { model } = await graphTeacher(dir, { shards: 2 });
  await saveModel(model, 'layers', new RunFiles(dir));
  const hint = `[ { teacher: ${denseNode('dense', true)}, student: hidden, projection: linear, weight: 0.1 } ]`;
  const file = writeConfig(dir, 'graph.distill.yaml', config('graph/model.json', STUDENT, hint, true));
  const analysis = analyzeConfig(fs.readFileSync(file, 'utf8'), file, nodeFileSystem);
  assert.deepEqual(
    analysis.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  assert.equal(analysis.teacher?.origin, 'graph-model');
  assert.deepEqual(
    analysis.teacher?.layers.map((l) => [l.name, l.type, l.outputShape, l.params]),
    [
      [denseNode('dense', true), '_FusedMatMul', [16], 4 * 16 + 16],
      [denseNode('dense_1', false), '_FusedMatMul', [3], 16 * 3 + 3],
    ],
  );
  const { outcome, events } = await train(file, path.join(dir, 'run'));
  assert.equal(outcome.report.status, 'done', outcome.report.error);
  assert.ok(outcome.report.warnings.some((w) => /ends in a Softmax; its input node .* provides the logits/.test(w)));
  assert.equal(outcome.report.teacher!.params, 4 * 16 + 16 + 16 * 3 + 3);
  assertHintTrained(events);
  assert.ok(outcome.report.baseline, 'the baseline worker ran with the copied graph teacher');
  assert.ok(
    fs.existsSync(path.join(dir, 'run', 'teacher', 'group1-shard2of2.bin')),
    'the graph model is copied into the run',
  );

  const twin = writeConfig(dir, 'layers.distill.yaml', config('layers/model.json', STUDENT, '[]'));
  const layers = await train(twin, path.join(dir, 'run-layers'));
  assert.equal(layers.outcome.report.status, 'done', layers.outcome.report.error);
  assert.equal(outcome.report.teacher!.metrics.accuracy, layers.outcome.report.teacher!.metrics.accuracy);
  assert.ok(outcome.report.teacher!.metrics.accuracy > 0.8);
});

void test('bad graph models: a missing shard, two inputs, an unknown hint node; each a clear error naming the file', async () => {
  const dir = tempDir('graph-bad');
  const { file } = await graphTeacher(dir, { shards: 2 });
  fs.rmSync(path.join(path.dirname(file), 'group1-shard2of2.bin'));
  const missing = writeConfig(dir, 'missing.distill.yaml', config('graph/model.json', STUDENT, '[]'));
  const [shardError] = errorsOf(missing);
  assert.equal(shardError?.code, 'missing-file');
  assert.match(
    shardError!.message,
    /Teacher model graph\/model\.json names a weight file that does not exist beside it: group1-shard2of2\.bin/,
  );
  const failed = await train(missing, path.join(dir, 'run-missing'));
  assert.equal(failed.outcome.report.status, 'failed');
  assert.ok(failed.outcome.report.error?.includes(shardError!.message));
  await assert.rejects(
    loadTeacher(file, 'graph/model.json', [4]),
    /graph\/group1-shard2of2\.bin: weight file listed in graph\/model\.json is missing/,
  );

  const { model } = await graphTeacher(dir);
  writeGraphModel(model, path.join(dir, 'two'), { extraInput: true });
  const twoInputs = writeConfig(dir, 'two.distill.yaml', config('two/model.json', STUDENT, '[]'));
  const [inputsError] = errorsOf(twoInputs);
  assert.match(
    inputsError!.message,
    /Teacher model two\/model\.json cannot be used: it has 2 inputs \(dense_input, mask_input\); a teacher takes the data as one input/,
  );

  writeGraphModel(model, path.join(dir, 'ok'));
  const typo = denseNode('dense', true).replace('Relu', 'Relo');
  const unknown = writeConfig(
    dir,
    'unknown.distill.yaml',
    config('ok/model.json', STUDENT, `[ { teacher: ${typo}, student: hidden, projection: linear } ]`),
  );
  const [nodeError] = errorsOf(unknown);
  assert.equal(nodeError?.code, 'unknown-layer');
  assert.ok(nodeError!.message.includes(`Did you mean '${denseNode('dense', true)}'?`), nodeError!.message);
  const loaded = await loadTeacher(path.join(dir, 'ok', 'model.json'), 'ok/model.json', [4]);
  assert.throws(() => loaded.extract([typo]), /the teacher ok\/model\.json has no node named '.*Relo'\. Did you mean/);
});
