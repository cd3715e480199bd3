/**
 * `risk/ignored-setting` on compression settings the run never applies: quantization-aware training with float16,
 * quantization `fine_tune_epochs` without `aware`, and `pruning` / `quantization` next to the accuracy-aware
 * `target` (whose search sets both per point). Each warning sits on the ignored key; its fixes leave a clean config.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeConfig } from '../../../src/core/analysis/analyze';
import type { Diagnostic } from '../../../src/core/diagnostics';
import { memoryFileSystem } from '../memory-fs';
import { applyEdits } from './apply-edits';

const config = (compression: string): string => `version: 1
data:
  source: iris
  split: { validation: 0.2, test: 0.2 }
teacher:
  layers:
    - dense: { units: 32, activation: relu }
    - dense: { units: 3 }
student:
  layers:
    - dense: { units: 8, activation: relu }
    - dense: { units: 3 }
training:
  early_stopping: { patience: 3 }
compression:
${compression}
evaluation:
  baseline: true
`;

const check = (text: string): readonly Diagnostic[] =>
  analyzeConfig(text, '/p/c.distill.yaml', memoryFileSystem({})).diagnostics;
const ignored = (text: string): readonly Diagnostic[] => check(text).filter((d) => d.code === 'risk/ignored-setting');
const summary = (ds: readonly Diagnostic[]): string[] => ds.map((d) => `${d.code}: ${d.message}`);

void test('settings that apply are not flagged (int8 aware with its epochs, float16 post-training, a target alone)', () => {
  for (const compression of [
    '  quantization: { dtype: int8, aware: true, fine_tune_epochs: 3 }',
    '  quantization: { dtype: float16 }',
    '  pruning: { sparsity: 0.5 }\n  quantization: { dtype: int8 }',
    '  target: { max_accuracy_drop: 5 }',
  ])
    assert.deepEqual(summary(check(config(compression))), [], compression);
});

void test('aware with float16 warns on `aware`; turning it off (preferred) or using int8 leaves a clean config', () => {
  const text = config('  quantization: { dtype: float16, aware: true, fine_tune_epochs: 1 }');
  const found = ignored(text);
  assert.equal(found.length, 1, JSON.stringify(summary(check(text))));
  const warning = found[0]!;
  assert.equal(warning.severity, 'warning');
  assert.match(warning.message, /float16 .*1 epoch\(s\) of aware fine-tuning/);
  assert.equal(
    text.split('\n')[warning.range.start.line]!.slice(warning.range.start.character, warning.range.end.character),
    'true',
  );
  assert.deepEqual(
    warning.fixes!.map((f) => [f.title, f.preferred ?? false]),
    [
      ['Turn off quantization-aware training', true],
      ['Use int8', false],
    ],
  );
  const off = applyEdits(text, warning.fixes![0]!.edits);
  assert.match(off, /dtype: float16, aware: false, fine_tune_epochs: 1/);
  // With aware off, the epochs are the next setting nobody reads: that is the second warning's job.
  assert.deepEqual(
    check(off).map((d) => d.code),
    ['risk/ignored-setting'],
  );
  assert.deepEqual(summary(check(applyEdits(text, warning.fixes![1]!.edits))), []);
});

void test('fine_tune_epochs without aware warns on the key and offers aware: true; the default value is not flagged', () => {
  const text = config('  quantization:\n    dtype: int8\n    fine_tune_epochs: 4');
  const found = ignored(text);
  assert.equal(found.length, 1, JSON.stringify(summary(check(text))));
  assert.match(found[0]!.message, /`fine_tune_epochs` .*only with `aware: true`.*ignored/);
  assert.equal(found[0]!.range.start.line, text.split('\n').indexOf('    fine_tune_epochs: 4'));
  assert.equal(found[0]!.range.start.character, 4, 'underlines the key');
  const fixed = applyEdits(text, found[0]!.fixes![0]!.edits);
  assert.match(fixed, /fine_tune_epochs: 4\n {4}aware: true\n/);
  assert.deepEqual(summary(check(fixed)), []);
  // aware: false written out is as ignored; with float16 the aware fix is not offered (that would be flagged too).
  assert.equal(ignored(config('  quantization: { dtype: int8, aware: false, fine_tune_epochs: 2 }')).length, 1);
  const half = ignored(config('  quantization: { dtype: float16, fine_tune_epochs: 2 }'));
  assert.equal(half.length, 1);
  assert.equal(half[0]!.fixes, undefined);
});

void test('a target next to pruning and quantization warns once on each ignored section, naming it', () => {
  const text = config(
    '  target: { max_accuracy_drop: 5 }\n  pruning: { sparsity: 0.5 }\n  quantization: { dtype: int4, aware: true }',
  );
  const found = ignored(text);
  assert.deepEqual(
    found.map((d) => text.split('\n')[d.range.start.line]!.trim().split(':')[0]),
    ['pruning', 'quantization'],
  );
  assert.match(found[0]!.message, /`compression\.pruning` is ignored.*`target\.sparsity` and `target\.structure`/);
  assert.match(found[1]!.message, /`compression\.quantization` is ignored.*`target\.dtype` and `target\.aware`/);
  assert.equal(ignored(config('  target: { max_accuracy_drop: 5 }\n  quantization: { dtype: int8 }')).length, 1);
});

void test('next to a target the ignored quantization section is flagged once, not again for its own settings', () => {
  const found = ignored(
    config('  target: { max_accuracy_drop: 5 }\n  quantization: { dtype: float16, aware: false, fine_tune_epochs: 2 }'),
  );
  assert.equal(found.length, 1, JSON.stringify(summary(found)));
  assert.match(found[0]!.message, /`compression\.quantization` is ignored/);
});
