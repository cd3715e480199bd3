/** A trial's derived config: values set, sweep removed, paths absolute, and still a valid config. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { parseConfig } from '../../src/core/config/parse';
import { deriveTrialConfig } from '../../src/sweep/derive-config';
import { SweepError } from '../../src/core/sweep-error';
import { tinyConfig } from './fixtures/configs';

void test('the trial values land at their paths, the sweep section goes, and the result is a valid config', () => {
  const text = tinyConfig({
    sweep: '  parameters:\n    - { path: distillation.temperature, values: [2, 8] }',
    extra: 'output: ../runs',
  });
  const derived = deriveTrialConfig(
    text,
    '/projects/iris/cfg.distill.yaml',
    { 'distillation.temperature': 8, 'student.layers.0.dense.units': 6, 'training.optimizer': 'sgd' },
    'Trial trial-001',
  );
  const plain = parse(derived) as Record<string, Record<string, unknown>>;
  assert.equal(plain.distillation?.temperature, 8);
  assert.equal(plain.distillation?.soft_weight, 0.7, 'untouched keys keep their values');
  assert.equal(plain.training?.optimizer, 'sgd');
  assert.deepEqual((plain.student?.layers as unknown[])[0], { dense: { units: 6, activation: 'relu' } });
  assert.equal(plain.sweep, undefined);
  assert.equal(plain.output, path.resolve('/projects/runs'), 'relative paths resolve against the original config');
  assert.match(derived, /^# Trial trial-001, derived from \/projects\/iris\/cfg\.distill\.yaml/);
  assert.deepEqual(parseConfig(derived).diagnostics, []);
});

void test('file paths inside data sources and teacher models become absolute', () => {
  const text =
    'version: 1\ndata:\n  source: { csv: data/x.csv, label: y }\nteacher:\n  model: models/t/model.json\nstudent:\n  from_teacher: { width: 0.5 }\n';
  const plain = parse(deriveTrialConfig(text, '/w/a/c.distill.yaml', { 'student.from_teacher.width': 0.25 }, 'T')) as {
    data: { source: { csv: string } };
    teacher: { model: string };
    student: { from_teacher: { width: number } };
  };
  assert.equal(plain.data.source.csv, '/w/a/data/x.csv');
  assert.equal(plain.teacher.model, '/w/a/models/t/model.json');
  assert.equal(plain.student.from_teacher.width, 0.25);
});

void test('a path the config does not have is refused, not silently added', () => {
  assert.throws(
    () => deriveTrialConfig(tinyConfig(), '/w/c.distill.yaml', { 'compression.pruning.sparsity': 0.5 }, 'T'),
    (error: unknown) =>
      error instanceof SweepError && /`compression.pruning` is not in this config/.test(error.message),
  );
});
