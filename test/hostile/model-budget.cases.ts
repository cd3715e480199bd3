/**
 * Models that cannot fit in the trainer's memory: `check` names the count and the limit, and `train` refuses them
 * in its pre-flight check, before TensorFlow.js allocates anything (they used to die after 10-20 s with only
 * "memory access out of bounds").
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, hostile, runNode, tempDir, TINY_IRIS } from './harness';

const HUGE_TEACHER = TINY_IRIS.replace(
  '- dense: { units: 8, activation: relu }',
  '- dense: { units: 100000000, activation: relu }',
);
const WIDE_STUDENT = TINY_IRIS.replace(
  '- dense: { units: 4, activation: relu }',
  '- dense: { units: 2000000, activation: relu }',
);

function write(text: string): { dir: string; file: string } {
  const dir = tempDir('budget');
  const file = path.join(dir, 'c.distill.yaml');
  fs.writeFileSync(file, text);
  return { dir, file };
}

hostile('budget', 'check of a teacher with units: 100000000 names the parameter count and the limit', async () => {
  const { file } = write(HUGE_TEACHER);
  const result = await runNode(CLI, ['check', file]);
  assert.equal(result.code, 1);
  assert.match(
    result.stdout,
    /c\.distill\.yaml:7:\d+: error range: The teacher has 800,000,003 parameters, above the limit of 30,000,000/,
  );
});

hostile(
  'budget',
  'train of a teacher with units: 100000000 refuses before allocating, naming layer and setting',
  async () => {
    const { dir, file } = write(HUGE_TEACHER);
    const result = await runNode(CLI, ['train', file, '--run-dir', path.join(dir, 'run')]);
    assert.notEqual(result.code, 0);
    const output = result.stdout + result.stderr;
    assert.match(output, /largest layer, `dense_1`, has 500,000,000: lower `units` of `teacher\.layers\[0\]\.dense`/);
    assert.doesNotMatch(output, /memory access out of bounds/);
    assert.ok(result.peakRssBytes < 1024 ** 3, `refused before allocating: peak RSS ${result.peakRssBytes}`);
  },
);

hostile(
  'budget',
  'train of a student layer 2,000,000 wide at batch 32 refuses with the batch size to lower',
  async () => {
    const { dir, file } = write(WIDE_STUDENT);
    const result = await runNode(CLI, ['train', file, '--run-dir', path.join(dir, 'run')]);
    assert.notEqual(result.code, 0);
    const output = result.stdout + result.stderr;
    assert.match(output, /layer `dense_1` outputs 2,000,000 values per example: 244\.14 MiB for a batch of 32/);
    assert.match(output, /`units` of `student\.layers\[0\]\.dense` or the batch size/);
    assert.ok(result.peakRssBytes < 1024 ** 3, `refused before allocating: peak RSS ${result.peakRssBytes}`);
  },
);

hostile('budget', 'check of an assistant with 64 million parameters names the assistant', async () => {
  const { file } = write(
    TINY_IRIS.replace(
      'student:\n',
      '  assistant:\n    layers:\n      - dense: { units: 8000, activation: relu }\n      - dense: { units: 8000, activation: relu }\n      - dense: { units: 3 }\nstudent:\n',
    ),
  );
  const result = await runNode(CLI, ['check', file]);
  assert.equal(result.code, 1);
  assert.match(result.stdout, /The assistant has 64,072,003 parameters, above the limit of 30,000,000/);
  assert.match(result.stdout, /`units` of `teacher\.assistant\.layers\[1\]\.dense`/);
});
