/**
 * A fair gain, with real training on iris: the baseline takes as many optimizer steps as the student (asserted
 * from the events), or as many epochs when asked; augmented runs repeat exactly and resume exactly; a teacher near
 * chance is warned about before the student trains on it, a trained one is not.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import type { EpochEvent, RunEvent } from '../../src/core/protocol/run-events';
import { runTraining } from '../../src/trainer/engine';
import { saveModel } from '../../src/trainer/model/model-files';
import { RunFiles } from '../../src/trainer/run/run-files';
import { maxFloatDifference, tempDir, useTrainerBackend, writeConfig } from './helpers';

before(async () => {
  await useTrainerBackend();
});

const config = (extra: { budget?: string; teacher?: string; epochs?: number } = {}): string => `version: 1
data:
  source: iris
  split: { validation: 0.2, test: 0.3, seed: 5 }
  unlabeled: 0.6
teacher:
${
  extra.teacher ??
  `  layers:
    - dense: { units: 16, activation: relu }
    - dense: { units: 3 }
  training: { epochs: 30, batch_size: 16, learning_rate: 0.02 }`
}
student:
  layers:
    - dense: { units: 6, activation: relu }
    - dense: { units: 3 }
training:
  epochs: ${extra.epochs ?? 4}
  batch_size: 16
  learning_rate: 0.02
  augment: { noise: 0.1, mixup: 0.2 }
evaluation: { baseline: true, seeds: 1, baseline_budget: ${extra.budget ?? 'same_steps'} }
`;

interface Trained {
  events: RunEvent[];
  report: Awaited<ReturnType<typeof runTraining>>['report'];
  runDir: string;
}

async function train(
  text: string,
  options: { runDir?: string; resume?: boolean; stopAfter?: (e: RunEvent) => boolean } = {},
): Promise<Trained> {
  const dir = tempDir('fair');
  const configPath = writeConfig(dir, 'c.distill.yaml', text);
  const runDir = options.runDir ?? path.join(dir, 'run');
  const events: RunEvent[] = [];
  let reason: string | undefined;
  const { report } = await runTraining({
    configPath,
    runDir,
    resume: options.resume ?? false,
    cancellation: { reason: () => reason, cancel: () => undefined, dispose: () => undefined },
    onEvent: (e) => {
      events.push(e);
      if (options.stopAfter?.(e)) reason = 'test stop';
    },
  });
  return { events, report, runDir };
}

const lastEpoch = (events: RunEvent[], role: string): EpochEvent => {
  const epochs = events.filter((e): e is EpochEvent => e.type === 'epoch' && e.role === role);
  assert.ok(epochs.length > 0, `${role} has epoch events`);
  return epochs[epochs.length - 1]!;
};

void test('by default the baseline takes exactly as many optimizer steps as the student, and the report says so', async () => {
  const { events, report, runDir } = await train(config());
  assert.equal(report.status, 'done', report.error);
  const student = lastEpoch(events, 'student');
  const baseline = lastEpoch(events, 'baseline');
  assert.equal(student.epoch, 4);
  assert.equal(baseline.epoch, 4);
  // 75 training examples, batches of 16: 5 steps per student epoch; the 30 labelled ones alone would give 2.
  assert.equal(student.steps, 20);
  assert.equal(baseline.steps, student.steps);
  assert.equal(report.student!.budget!.steps, 20);
  assert.equal(report.baseline!.budget!.steps, 20);
  assert.equal(report.baseline!.budget!.train_examples, report.dataset!.train - report.dataset!.unlabeled);
  assert.equal(report.student!.budget!.augmentation, 'noise 0.1, mixup 0.2');
  assert.equal(report.student!.budget!.teacher_per_batch, true);
  const markdown = fs.readFileSync(path.join(runDir, 'report.md'), 'utf8');
  assert.match(
    markdown,
    /\| student \| 20 \| 4 \| \d+ \| 75 \| noise 0\.1, mixup 0\.2 \(teacher per batch\) \| random \|/,
  );
  assert.match(markdown, /\| baseline \| 20 \| 4 \| \d+ \| 30 \| noise 0\.1, mixup 0\.2 \| random \|/);
});

void test('baseline_budget: same_epochs gives the baseline one pass over its labelled set per epoch', async () => {
  const { events, report } = await train(config({ budget: 'same_epochs' }));
  assert.equal(report.status, 'done', report.error);
  assert.equal(lastEpoch(events, 'student').steps, 20);
  assert.equal(lastEpoch(events, 'baseline').steps, 8, '30 labelled examples: 2 batches of 16 per epoch');
});

const studentWeights = (runDir: string): Buffer => fs.readFileSync(path.join(runDir, 'student', 'weights.bin'));

void test('augmented training repeats exactly for a seed, and a resumed run ends with the same weights', async () => {
  const text = config({ epochs: 3 });
  const first = await train(text);
  const second = await train(text);
  assert.ok(studentWeights(first.runDir).equals(studentWeights(second.runDir)), 'same seed, same weights');
  const stopped = await train(text, { stopAfter: (e) => e.type === 'epoch' && e.role === 'student' && e.epoch === 1 });
  assert.equal(stopped.report.status, 'cancelled');
  const resumed = await train(text, { runDir: stopped.runDir, resume: true });
  assert.equal(resumed.report.status, 'done', resumed.report.error);
  // Within float32 rounding: restoring Adam recomputes beta^t with pow() (see engine.test.ts).
  const difference = maxFloatDifference(studentWeights(resumed.runDir), studentWeights(first.runDir));
  assert.ok(difference < 1e-5, `resumed student differs from the uninterrupted one by ${difference}`);
});

async function randomTeacher(dir: string): Promise<void> {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu', kernelInitializer: 'zeros' }));
  model.add(tf.layers.dense({ units: 3, kernelInitializer: 'zeros' }));
  await saveModel(model, 'teacher', new RunFiles(dir));
}

void test('a teacher at chance level gets a weak-teacher warning before the student trains; a trained one does not', async () => {
  const dir = tempDir('weak-teacher');
  await randomTeacher(dir);
  const weak = await train(config({ teacher: `  model: ${path.join(dir, 'teacher', 'model.json')}` }));
  const warning = weak.events.findIndex((e) => e.type === 'warning' && e.code === 'weak-teacher');
  const studentStarts = weak.events.findIndex((e) => e.type === 'phase' && e.phase === 'student');
  assert.ok(warning >= 0, 'weak-teacher warning emitted');
  assert.ok(warning < studentStarts, 'before the student phase');
  assert.ok(weak.report.warnings.some((w) => /teacher is near chance/.test(w)));
  const trained = await train(config());
  assert.equal(
    trained.events.filter((e) => e.type === 'warning' && e.code === 'weak-teacher').length,
    0,
    `trained teacher at ${trained.report.teacher!.metrics.accuracy}`,
  );
});
