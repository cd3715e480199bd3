/** risk/capacity-gap offers a teacher assistant; a config with one is valid and no longer warned. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeConfig } from '../../../src/core/analysis/analyze';
import { assistantWidth } from '../../../src/core/rules/capacity-gap';
import { memoryFileSystem } from '../memory-fs';
import { applyEdits } from './apply-edits';

const GAP = `version: 1
data:
  source: mnist
teacher:
  layers:
    - dense: { units: 1200, activation: relu }
    - dense: { units: 1200, activation: relu }
    - dense: { units: 10 }
student:
  layers:
    - dense: { units: 8, activation: relu }
    - dense: { units: 10 }
evaluation: { baseline: true }
`;

const check = (text: string) => analyzeConfig(text, '/p/c.distill.yaml', memoryFileSystem({})).diagnostics;

void test('the capacity-gap fix inserts teacher.assistant, which then checks clean and silences the risk', () => {
  const gap = check(GAP).find((d) => d.code === 'risk/capacity-gap');
  assert.ok(gap, 'a 2.4M-parameter teacher over a 6k-parameter student is a capacity gap');
  const fix = gap.fixes?.find((f) => /teacher assistant/.test(f.title));
  assert.ok(fix, `fixes offered: ${JSON.stringify(gap.fixes?.map((f) => f.title))}`);
  const fixed = applyEdits(GAP, fix.edits);
  assert.match(fixed, /assistant: \{ from_teacher: \{ width: 0\.\d+ \} \}/);
  const after = check(fixed);
  assert.deepEqual(
    after.filter((d) => d.severity === 'error'),
    [],
  );
  assert.equal(after.filter((d) => d.code === 'risk/capacity-gap').length, 0);
});

void test('the assistant width puts its size near the geometric mean of teacher and student', () => {
  assert.equal(assistantWidth(81), 0.33);
  assert.equal(assistantWidth(10000), 0.1);
  assert.equal(assistantWidth(1e12), 0.05);
  assert.equal(assistantWidth(1.1), 0.9);
});
