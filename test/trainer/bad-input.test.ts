/**
 * Bad input ends the run as `failed` with a clear error (naming the file, and the line where there is one)
 * and a hint; report.json is still written and nothing already saved is lost.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import type { RunReport } from '../../src/core/protocol/report';
import type { RunEvent } from '../../src/core/protocol/run-events';
import { runTraining, type RunOutcome } from '../../src/trainer/engine';
import { buildModel } from '../../src/trainer/model/build-model';
import { loadModel, saveModel } from '../../src/trainer/model/model-files';
import { RunFiles } from '../../src/trainer/run/run-files';
import { FIXTURES as FIXTURES_DIR, tempDir, useTrainerBackend, writeConfig } from './helpers';
import { NEVER_CANCELLED } from './train-in-process';

before(async () => {
  await useTrainerBackend();
});

async function run(
  configFile: string,
  runDir: string,
  options: { resume?: boolean; onEvent?: (e: RunEvent) => void; cancelAfterTeacherEpoch?: number } = {},
): Promise<RunOutcome> {
  let reason: string | undefined;
  return runTraining({
    configPath: configFile,
    runDir,
    resume: options.resume ?? false,
    cancellation: { ...NEVER_CANCELLED, reason: () => reason },
    onEvent: (e) => {
      options.onEvent?.(e);
      if (
        options.cancelAfterTeacherEpoch &&
        e.type === 'epoch' &&
        e.role === 'teacher' &&
        e.epoch === options.cancelAfterTeacherEpoch
      )
        reason = 'test';
    },
  });
}

function assertFailed(outcome: RunOutcome, pattern: RegExp): RunReport {
  assert.equal(outcome.exitCode, 1);
  assert.equal(outcome.report.status, 'failed');
  assert.match(outcome.report.error ?? '', pattern);
  const onDisk = JSON.parse(fs.readFileSync(path.join(outcome.runDir, 'report.json'), 'utf8')) as RunReport;
  assert.equal(onDisk.status, 'failed', 'report.json is written on failure');
  assert.equal(onDisk.error, outcome.report.error);
  const events = fs
    .readFileSync(path.join(outcome.runDir, 'events.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as RunEvent);
  assert.equal(events[events.length - 1]!.type, 'failed');
  return outcome.report;
}

const irisConfig = (teacher: string, extra = ''): string => `version: 1
data:
  source: iris
  split: { validation: 0.2, test: 0.3, seed: 1 }
teacher:
  model: ${teacher}
student:
  layers:
    - dense: { units: 4, activation: relu }
    - dense: { units: 3 }
training: { epochs: 1, batch_size: 16 }
evaluation: { baseline: false, seeds: 1 }
output: runs
${extra}`;

/** A real TF.js model saved to `dir/teacher/` (input width `inputs`, `classes` logits). */
async function savedTeacher(dir: string, inputs: number, classes: number): Promise<string> {
  const model = buildModel(
    [
      { type: 'dense', units: 6, activation: 'relu', use_bias: true },
      { type: 'dense', units: classes, activation: 'linear', use_bias: true },
    ],
    [inputs],
    classes,
    1,
    'saved',
  );
  await saveModel(model, 'teacher', new RunFiles(dir));
  return path.join(dir, 'teacher', 'model.json');
}

void test('a missing teacher model.json is refused before training, naming the file', async () => {
  const dir = tempDir('bad-missing');
  const outcome = await run(
    writeConfig(dir, 'c.distill.yaml', irisConfig('models/absent/model.json')),
    path.join(dir, 'run'),
  );
  const report = assertFailed(
    outcome,
    /missing-file.*models\/absent\/model\.json|models\/absent\/model\.json.*missing-file/s,
  );
  assert.match(report.hint ?? '', /distillery check/);
});

void test('a corrupt model.json, a missing weights file and truncated weights each give their own error', async () => {
  const dir = tempDir('bad-model');
  const modelJson = await savedTeacher(dir, 4, 3);
  const config = writeConfig(dir, 'c.distill.yaml', irisConfig('teacher/model.json'));
  const good = await run(config, path.join(dir, 'run-good'));
  assert.equal(good.report.status, 'done', `the saved teacher itself is usable: ${good.report.error}`);

  const weights = path.join(dir, 'teacher', 'weights.bin');
  const bytes = fs.readFileSync(weights);
  fs.writeFileSync(weights, bytes.subarray(0, bytes.length - 8));
  assertFailed(
    await run(config, path.join(dir, 'run-truncated')),
    /teacher\/model\.json: the weight files hold \d+ bytes but the manifest needs \d+/,
  );
  fs.rmSync(weights);
  // The pre-flight check (core rules) or the loader (trainer) may catch it first; either names both files.
  assertFailed(
    await run(config, path.join(dir, 'run-noweights')),
    /missing-file: .*teacher\/model\.json.*weights\.bin|weights\.bin: weight file listed in teacher\/model\.json is missing/s,
  );
  fs.writeFileSync(weights, bytes);
  fs.writeFileSync(modelJson, '{"modelTopology": {"class_name": "Sequ');
  assertFailed(await run(config, path.join(dir, 'run-corrupt')), /teacher\/model\.json.*(not valid JSON|JSON)/s);
});

void test("the trainer's own model loader names the broken file when the pre-flight check is bypassed", async () => {
  const dir = tempDir('bad-loader');
  const modelJson = await savedTeacher(dir, 4, 3);
  const { model: loaded } = await loadModel(modelJson, 'teacher/model.json');
  assert.equal(loaded.countParams(), 4 * 6 + 6 + 6 * 3 + 3);
  const weights = path.join(dir, 'teacher', 'weights.bin');
  const bytes = fs.readFileSync(weights);
  fs.rmSync(weights);
  await assert.rejects(
    loadModel(modelJson, 'teacher/model.json'),
    /teacher\/weights\.bin: weight file listed in teacher\/model\.json is missing/,
  );
  fs.writeFileSync(weights, bytes.subarray(0, 12));
  await assert.rejects(
    loadModel(modelJson, 'teacher/model.json'),
    /the weight files hold 12 bytes but the manifest needs 204/,
  );
  fs.writeFileSync(modelJson, '{"modelTopology": ');
  await assert.rejects(loadModel(modelJson, 'teacher/model.json'), /teacher\/model\.json: it is not valid JSON/);
  fs.writeFileSync(modelJson, '{"format": "graph-model"}');
  await assert.rejects(loadModel(modelJson, 'teacher/model.json'), /teacher\/model\.json: it has no `modelTopology`/);
  await assert.rejects(loadModel(path.join(dir, 'nope.json'), 'nope.json'), /nope\.json: model file not found/);
});

void test('a teacher whose input or output does not fit the data is a clear error', async () => {
  const dir = tempDir('bad-shape');
  await savedTeacher(dir, 9, 3);
  const wrongInput = await run(
    writeConfig(dir, 'c.distill.yaml', irisConfig('teacher/model.json')),
    path.join(dir, 'run-input'),
  );
  assertFailed(
    wrongInput,
    /shape-mismatch: .*teacher\/model\.json expects inputs of shape \[9\].*\[4\]|expects input \[9\] but the data has examples of shape \[4\]/,
  );
  const other = tempDir('bad-shape-out');
  await savedTeacher(other, 4, 5);
  const wrongOutput = await run(
    writeConfig(other, 'c.distill.yaml', irisConfig('teacher/model.json')),
    path.join(other, 'run-output'),
  );
  assertFailed(
    wrongOutput,
    /shape-mismatch: .*outputs 5 values, but iris has 3 classes|outputs \[5\] but the data has 3 classes/,
  );
});

void test('a bad CSV fails the run with the file and line; an empty image folder fails with its path', async () => {
  const dir = tempDir('bad-data');
  fs.writeFileSync(path.join(dir, 'rows.csv'), 'a,b,kind\n1,2,x\n3,4,y\n5,6\n7,8,x\n');
  const csvConfig = `version: 1
data:
  source: { csv: rows.csv, label: kind }
  split: { validation: 0.2, test: 0.3, seed: 1 }
teacher:
  layers: [ { dense: { units: 4, activation: relu } }, { dense: { units: 2 } } ]
  training: { epochs: 1 }
student:
  layers: [ { dense: { units: 2 } } ]
evaluation: { baseline: false, seeds: 1 }
`;
  assertFailed(
    await run(writeConfig(dir, 'csv.distill.yaml', csvConfig), path.join(dir, 'run-csv')),
    /rows\.csv:4: expected 3 columns/,
  );
  fs.mkdirSync(path.join(dir, 'photos'));
  const imageConfig = csvConfig.replace('{ csv: rows.csv, label: kind }', '{ images: photos, size: 8 }');
  assertFailed(
    await run(writeConfig(dir, 'img.distill.yaml', imageConfig), path.join(dir, 'run-img')),
    /photos: (the image folder is empty|The image folder needs at least two sub-folders)/,
  );
});

void test('a loss that turns NaN/inf stops the run, keeps the last good checkpoint and suggests a lower learning rate', async () => {
  const dir = tempDir('bad-nan');
  const config = (rate: number): string => `version: 1
data:
  source: mnist
  limit: 600
  split: { validation: 0.1, test: 0.2, seed: 1 }
teacher:
  layers:
    - dense: { units: 256, activation: linear }
    - dense: { units: 256, activation: linear }
    - dense: { units: 10 }
  training: { epochs: 6, batch_size: 32, optimizer: sgd, momentum: 0.99, learning_rate: ${rate} }
student:
  layers: [ { dense: { units: 16, activation: relu } }, { dense: { units: 10 } } ]
training: { epochs: 1, batch_size: 32 }
evaluation: { baseline: false, seeds: 1 }
`;
  const runDir = path.join(dir, 'run');
  // Two good epochs first (then stopped), so there is a good checkpoint to keep ...
  const first = await run(writeConfig(dir, 'c.distill.yaml', config(0.01)), runDir, { cancelAfterTeacherEpoch: 2 });
  assert.equal(first.report.status, 'cancelled');
  // ... then the same run continues with a learning rate far too high: the loss overflows in epoch 3.
  const outcome = await run(writeConfig(dir, 'c.distill.yaml', config(10)), runDir, { resume: true });
  const report = assertFailed(outcome, /teacher loss became (NaN|Infinity|-Infinity) in epoch 3/);
  assert.match(report.hint ?? '', /Lower the learning rate \(try 1\)/);
  const state = JSON.parse(fs.readFileSync(path.join(runDir, 'checkpoints/teacher-seed1/state.json'), 'utf8')) as {
    epochsDone: number;
  };
  assert.equal(state.epochsDone, 2, 'the checkpoint is still the last good epoch');
  const weights = fs.readFileSync(path.join(runDir, 'checkpoints/teacher-seed1/weights.bin'));
  assert.ok(
    new Float32Array(weights.buffer, weights.byteOffset, weights.length / 4).every(Number.isFinite),
    'the kept checkpoint holds finite weights',
  );
});

void test('a non-empty folder that is not a run is never used as the run directory (nothing in it is touched)', async () => {
  const dir = tempDir('bad-rundir');
  fs.mkdirSync(path.join(dir, 'teacher'));
  fs.writeFileSync(path.join(dir, 'teacher', 'notes.txt'), 'mine');
  const events: RunEvent[] = [];
  const outcome = await run(path.join(FIXTURES_DIR, 'iris-fast.distill.yaml'), dir, { onEvent: (e) => events.push(e) });
  assert.equal(outcome.exitCode, 1);
  assert.match(outcome.report.error ?? '', /is not empty and is not a Distillery run directory/);
  assert.equal(events[events.length - 1]!.type, 'failed', 'the caller still gets the failure');
  assert.equal(fs.readFileSync(path.join(dir, 'teacher', 'notes.txt'), 'utf8'), 'mine');
  assert.deepEqual(fs.readdirSync(dir), ['teacher']);
});
