/** The memory budget (`range`): models Distillery would train that cannot fit are refused by check, with the numbers. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeConfig } from '../../../src/core/analysis/analyze';
import { MAX_BATCH_ACTIVATION_BYTES, MAX_TRAINED_PARAMETERS } from '../../../src/core/rules/model-budget';
import { memoryFileSystem } from '../memory-fs';

const config = (teacher: string, student: string, extra = ''): string => `version: 1
data:
  source: iris
teacher:
  layers:
${teacher}
    - dense: { units: 3 }
  training: { batch_size: 32 }
student:
  layers:
${student}
    - dense: { units: 3 }
training: { batch_size: 32 }
${extra}`;

const dense = (units: number): string => `    - dense: { units: ${units}, activation: relu }`;

const budgetErrors = (text: string) =>
  analyzeConfig(text, '/p/c.distill.yaml', memoryFileSystem({})).diagnostics.filter(
    (d) => d.code === 'range' && /fits in memory/.test(d.message),
  );

void test('a teacher of 800 million parameters is refused with the count, the limit, the layer and its setting', () => {
  const found = budgetErrors(config(dense(100_000_000), dense(4)));
  assert.equal(found.length, 1, JSON.stringify(found));
  const [problem] = found;
  assert.equal(problem?.severity, 'error');
  assert.equal(problem?.range.start.line, 5, 'underlines the first teacher layer');
  assert.match(problem?.message ?? '', /teacher has 800,000,003 parameters, above the limit of 30,000,000/);
  assert.match(
    problem?.message ?? '',
    /largest layer, `dense_1`, has 500,000,000: lower `units` of `teacher\.layers\[0\]\.dense`/,
  );
  assert.equal(MAX_TRAINED_PARAMETERS, 30_000_000);
});

void test('a derived assistant over the limit names its width setting', () => {
  const text = config(`${dense(8000)}\n${dense(8000)}`, dense(4), 'evaluation: { baseline: true }\n').replace(
    'student:',
    '  assistant: { from_teacher: { width: 0.9 } }\nstudent:',
  );
  const messages = budgetErrors(text).map((d) => d.message);
  assert.equal(messages.length, 2, messages.join('\n'));
  assert.match(messages.join('\n'), /The teacher has 64,072,003 parameters/);
  assert.match(
    messages.join('\n'),
    /The assistant has 51,\d{3},\d{3} parameters.*lower `teacher\.assistant\.from_teacher\.width`/,
  );
});

void test('a layer too wide for one batch is refused at batch 32 and accepted at batch 16', () => {
  const wide = config(dense(8), dense(2_000_000));
  const [problem] = budgetErrors(wide);
  assert.ok(problem, 'a 2,000,000-wide student layer at batch 32 is 244 MiB per batch');
  assert.match(
    problem.message,
    /student's layer `dense_1` outputs 2,000,000 values per example: 244\.14 MiB for a batch of 32, above the 128\.00 MiB.*`units` of `student\.layers\[0\]\.dense` or the batch size/,
  );
  assert.equal(MAX_BATCH_ACTIVATION_BYTES, 128 * 1024 * 1024);
  assert.deepEqual(budgetErrors(wide.replace(/^training: { batch_size: 32 }/m, 'training: { batch_size: 16 }')), []);
});

void test('models measured to train stay within the budget', () => {
  // Both trained to the end in the measurement the limits come from (see src/core/rules/model-budget.ts).
  assert.deepEqual(budgetErrors(config(dense(1_000_000), dense(4))), []);
  assert.deepEqual(budgetErrors(config(`${dense(5000)}\n${dense(5000)}`, dense(4))), []);
});
