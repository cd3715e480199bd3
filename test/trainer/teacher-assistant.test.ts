/** teacher.assistant, with real training on iris: teacher -> assistant -> student, each trained and reported. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import type { RunEvent } from '../../src/core/protocol/run-events';
import { trainInProcess } from './train-in-process';
import { tempDir, useTrainerBackend, writeConfig } from './helpers';

before(async () => {
  await useTrainerBackend();
});

void test('the assistant is distilled from the teacher, then teaches the student; the report shows all three', async () => {
  const dir = tempDir('assistant');
  const configPath = writeConfig(
    dir,
    'c.distill.yaml',
    `version: 1
data:
  source: iris
  split: { validation: 0.2, test: 0.3, seed: 5 }
teacher:
  layers:
    - dense: { units: 32, activation: relu, name: wide }
    - dense: { units: 3 }
  training: { epochs: 30, batch_size: 16, learning_rate: 0.02 }
  assistant: { from_teacher: { width: 0.25 } }
student:
  layers:
    - dense: { units: 2, activation: relu }
    - dense: { units: 3 }
training: { epochs: 15, batch_size: 16, learning_rate: 0.02 }
evaluation: { baseline: false, seeds: 1 }
`,
  );
  const events: RunEvent[] = [];
  const runDir = path.join(dir, 'run');
  const { report } = await trainInProcess(configPath, runDir, { onEvent: (e) => events.push(e) });
  assert.equal(report.status, 'done', report.error);
  const phases = events.flatMap((e) => (e.type === 'phase' ? [e.phase] : []));
  assert.deepEqual(
    phases.filter((p) => ['teacher', 'assistant', 'student'].includes(p)),
    ['teacher', 'assistant', 'student'],
  );
  const start = events.find((e) => e.type === 'start');
  assert.ok(start?.type === 'start' && start.phases.includes('assistant'), 'the start event plans the assistant');
  assert.equal(events.filter((e) => e.type === 'epoch' && e.role === 'assistant').length, 15);
  const { teacher, assistant, student } = report;
  assert.ok(teacher && assistant && student);
  // 4-32-3 teacher (259 params), 4-8-3 assistant (67), 4-2-3 student (19).
  assert.equal(assistant.params, 67);
  assert.ok(teacher.params > assistant.params && assistant.params > student.params);
  assert.ok(assistant.metrics.accuracy > 0.8, `assistant accuracy ${assistant.metrics.accuracy}`);
  assert.ok(fs.existsSync(path.join(runDir, 'assistant', 'model.json')), 'the assistant is saved in the run');
  assert.match(fs.readFileSync(path.join(runDir, 'report.md'), 'utf8'), /\| assistant \(float32\) \|/);
});
