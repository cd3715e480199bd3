/** What the CLI prints for people: no library banner in `inspect`. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildModel } from '../../src/trainer/model/build-model';
import { saveModel } from '../../src/trainer/model/model-files';
import { RunFiles } from '../../src/trainer/run/run-files';
import { useTrainerBackend } from '../trainer/helpers';
import { CLI, hostile, runNode, tempDir } from './harness';

hostile('cli', '`distillery inspect` prints the layers and no TensorFlow.js banner', async () => {
  await useTrainerBackend();
  const dir = tempDir('inspect');
  const model = buildModel([{ type: 'dense', units: 3, activation: 'linear', use_bias: true }], [4], 3, 1, 'm');
  await saveModel(model, 'model', new RunFiles(dir));
  const result = await runNode(CLI, ['inspect', path.join(dir, 'model', 'model.json')]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /total: 15 parameters/);
  assert.doesNotMatch(`${result.stdout}${result.stderr}`, /install our node backend/);
});
