/** A loaded teacher whose weights give NaN or overflow: a clear error with a hint, not a crash inside a metric. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { runTraining } from '../../src/trainer/engine';
import { buildModel } from '../../src/trainer/model/build-model';
import { saveModel } from '../../src/trainer/model/model-files';
import { RunFiles } from '../../src/trainer/run/run-files';
import { useTrainerBackend } from '../trainer/helpers';
import { hostileEach, tempDir, withTeacherModel } from './harness';

const noCancel = { reason: (): undefined => undefined, cancel: (): void => undefined, dispose: (): void => undefined };

hostileEach(
  'teacher',
  {
    'teacher weights all NaN': NaN,
    'teacher weights of 3e38 (float32 overflow)': 3e38,
    'teacher weights of infinity': Infinity,
  },
  async (value) => {
    await useTrainerBackend();
    const dir = tempDir('nan-teacher');
    const model = buildModel(
      [
        { type: 'dense', units: 6, activation: 'relu', use_bias: true },
        { type: 'dense', units: 3, activation: 'linear', use_bias: true },
      ],
      [4],
      3,
      1,
      'broken',
    );
    model.setWeights(model.getWeights().map((w) => tf.fill(w.shape, value)));
    await saveModel(model, 'teacher', new RunFiles(dir));
    const config = path.join(dir, 'c.distill.yaml');
    fs.writeFileSync(config, withTeacherModel('teacher/model.json'));
    const outcome = await runTraining({
      configPath: config,
      runDir: path.join(dir, 'run'),
      resume: false,
      cancellation: noCancel,
      onEvent: () => undefined,
    });
    assert.equal(outcome.exitCode, 1);
    assert.match(
      outcome.report.error ?? '',
      /teacher.*outputs on the test split include \d+ value\(s\) that are not finite/,
    );
    assert.match(outcome.report.hint ?? '', /teacher's weights file/);
  },
);
