/**
 * Issue 15 row 5: a weightsManifest path outside the model's folder is never read. `check` and `train`
 * refuse it with the same message (the trainer's pre-flight runs the same analysis), and the trainer's own
 * loader refuses it too when called without the pre-flight, also for a weight file that is a symbolic
 * link to a file outside the folder. A "secret" of exactly the right size sits where the paths point.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { analyzeConfig } from '../../src/core/analysis/analyze';
import { nodeFileSystem } from '../../src/node/file-system';
import { trainInProcess } from './train-in-process';
import { buildModel } from '../../src/trainer/model/build-model';
import { loadModel, saveModel } from '../../src/trainer/model/model-files';
import { RunFiles } from '../../src/trainer/run/run-files';
import { tempDir, useTrainerBackend, writeConfig } from './helpers';

before(async () => {
  await useTrainerBackend();
});

const CONFIG = `version: 1
data: { source: iris, split: { validation: 0.2, test: 0.3, seed: 1 } }
teacher: { model: project/teacher/model.json }
student: { layers: [ { dense: { units: 3 } } ] }
training: { epochs: 1, batch_size: 32 }
evaluation: { baseline: false, seeds: 1 }
`;

/** A saved iris-shaped teacher in `dir/project/teacher`, and a secret file of its weights' size in `dir/secret`. */
async function setUp(dir: string): Promise<{ modelJson: string; secret: string }> {
  const model = buildModel([{ type: 'dense', units: 3, activation: 'linear', use_bias: true }], [4], 3, 1, 't');
  await saveModel(model, 'project/teacher', new RunFiles(dir));
  const modelJson = path.join(dir, 'project', 'teacher', 'model.json');
  const secret = path.join(dir, 'secret', 'secret.bin');
  fs.mkdirSync(path.dirname(secret), { recursive: true });
  fs.copyFileSync(path.join(dir, 'project', 'teacher', 'weights.bin'), secret);
  return { modelJson, secret };
}

function pointWeightsAt(modelJson: string, entry: string): void {
  const json = JSON.parse(fs.readFileSync(modelJson, 'utf8')) as { weightsManifest: { paths: string[] }[] };
  json.weightsManifest[0]!.paths = [entry];
  fs.writeFileSync(modelJson, JSON.stringify(json));
}

void test('check and train refuse manifest paths outside the model folder with the same message', async () => {
  const dir = tempDir('weights-escape');
  const { modelJson, secret } = await setUp(dir);
  const config = writeConfig(dir, 'c.distill.yaml', CONFIG);
  for (const entry of ['../../secret/secret.bin', '../../../../../../../../etc/passwd', secret]) {
    pointWeightsAt(modelJson, entry);
    const checked = analyzeConfig(fs.readFileSync(config, 'utf8'), config, nodeFileSystem).diagnostics.filter(
      (d) => d.severity === 'error',
    );
    assert.equal(checked.length, 1, `check refuses ${entry}`);
    assert.match(checked[0]!.message, /weight files must be inside the model's folder/);
    const { report } = await trainInProcess(config, path.join(dir, `run-${checked.length}-${entry.length}`));
    assert.equal(report.status, 'failed', `train refuses ${entry}`);
    assert.ok(report.error?.includes(checked[0]!.message), `train says what check says: ${report.error}`);
    assert.ok(!/\d+ bytes/.test(report.error ?? ''), 'no size of the outside file is told');
    await assert.rejects(loadModel(modelJson, 'teacher/model.json'), (error: Error) => {
      assert.ok(error.message.startsWith('teacher/model.json: '), error.message);
      assert.ok(error.message.includes(checked[0]!.message.split('cannot be used: ')[1]!), error.message);
      return true;
    });
  }
});

void test('a weight file that links outside the model folder is refused by check, train and the loader, naming it', async () => {
  const dir = tempDir('weights-link');
  const { modelJson, secret } = await setUp(dir);
  const weights = path.join(path.dirname(modelJson), 'weights.bin');
  fs.rmSync(weights);
  fs.symlinkSync(secret, weights);
  const config = writeConfig(dir, 'c.distill.yaml', CONFIG);
  const checked = analyzeConfig(fs.readFileSync(config, 'utf8'), config, nodeFileSystem).diagnostics.filter(
    (d) => d.severity === 'error',
  );
  assert.equal(checked.length, 1);
  assert.match(
    checked[0]!.message,
    /Teacher model project\/teacher\/model\.json names a weight file that links to a file outside the model's folder: weights\.bin/,
  );
  const { report } = await trainInProcess(config, path.join(dir, 'run'));
  assert.equal(report.status, 'failed');
  assert.ok(report.error?.includes(checked[0]!.message), report.error);
  await assert.rejects(
    loadModel(modelJson, 'teacher/model.json'),
    /teacher\/weights\.bin: weight file listed in teacher\/model\.json links to a file outside the model's folder/,
  );
});
