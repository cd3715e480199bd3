/**
 * The search's decisions on measured points (pure): the space and its ids, the Pareto front, the chosen point
 * (smallest within the target on validation; the student when no compressed point is within it and smaller),
 * and the text every surface prints.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { choosePoint, paretoFront } from '../../../src/core/compression/choose-point';
import { searchSpace } from '../../../src/core/compression/search-space';
import type { CompressionSearch, SearchPoint } from '../../../src/core/protocol/compression-search';
import { describeChosen, searchMarkdown, searchTable } from '../../../src/core/format/search-text';

const point = (id: string, bytes: number, accuracy: number, batch1 = 0.05): SearchPoint => ({
  id,
  sparsity: 0,
  structure: 'none',
  dtype: 'float32',
  aware: false,
  params: 1,
  validation_accuracy: accuracy,
  accuracy_drop: (0.9 - accuracy) * 100,
  bytes,
  bytes_gzip: bytes,
  file: `search/${id}/export/model.onnx`,
  batch1_ms: batch1,
  test_accuracy: accuracy,
  within_target: (0.9 - accuracy) * 100 <= 1 + 1e-9,
});

const STUDENT = point('none-float32', 1000, 0.9);

void test('the default space: the student, 3 quantized students, 2 structures x 3 sparsities x 4 dtypes', () => {
  const space = searchSpace({});
  const ids = space.flatMap((g) => g.points.map((p) => p.id));
  assert.equal(ids.length, 1 + 3 + 2 * 3 * 4);
  assert.deepEqual(ids.slice(0, 5), [
    'none-float32',
    'none-float16',
    'none-int8',
    'none-int4',
    'unstructured25-float32',
  ]);
  assert.ok(ids.includes('units75-int4'));
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  // The student is measured even when the lists leave out sparsity 0 and float32.
  assert.deepEqual(
    searchSpace({ sparsity: [0.5], structure: ['units'], dtype: ['int8'] }).flatMap((g) => g.points.map((p) => p.id)),
    ['none-float32', 'units50-int8'],
  );
});

void test('the front keeps the points nothing beats on both size and accuracy, smallest first', () => {
  const points = [STUDENT, point('a', 500, 0.9), point('b', 400, 0.85), point('c', 600, 0.86), point('d', 400, 0.85)];
  assert.deepEqual(
    paretoFront(points).map((p) => p.id),
    ['b', 'a'],
  );
});

void test('the smallest point within the target is chosen; equal sizes go to latency only when asked', () => {
  const points = [STUDENT, point('small-bad', 100, 0.8), point('x', 300, 0.895, 0.09), point('y', 300, 0.89, 0.02)];
  assert.deepEqual(choosePoint(points, STUDENT.id, 'size'), { chosen: points[2], outcome: 'compressed' });
  assert.deepEqual(choosePoint(points, STUDENT.id, 'size_then_latency'), { chosen: points[3], outcome: 'compressed' });
});

void test('no compressed point within the target, or none smaller: the student is kept, and says why', () => {
  assert.deepEqual(choosePoint([STUDENT, point('bad', 100, 0.5)], STUDENT.id, 'size'), {
    chosen: STUDENT,
    outcome: 'none_within_target',
  });
  assert.deepEqual(choosePoint([STUDENT, point('big', 1200, 0.9)], STUDENT.id, 'size'), {
    chosen: STUDENT,
    outcome: 'none_smaller',
  });
  assert.equal(choosePoint([point('bad', 100, 0.5)], STUDENT.id, 'size'), undefined);
});

void test('the chosen point, the front and every point in the text of report.md and the CLI', () => {
  const search: CompressionSearch = {
    max_accuracy_drop: 1,
    objective: 'size',
    split: 'validation',
    reference: STUDENT.id,
    points: [STUDENT, { ...point('units50-int8', 250, 0.895), structure: 'units', sparsity: 0.5, dtype: 'int8' }],
    front: ['units50-int8', 'none-float32'],
    chosen: 'units50-int8',
    outcome: 'compressed',
  };
  assert.equal(
    describeChosen(search),
    'units50-int8 (units 50%, int8): 250 B shipped, 4.00× smaller than the float student (1000 B); −0.50 pt on validation, within the target of 1 pt; test accuracy 89.50% (student 90.00%)',
  );
  const markdown = searchMarkdown(search).join('\n');
  assert.match(markdown, /## Accuracy-aware compression/);
  assert.match(
    markdown,
    /\| units50-int8 \| units 50% \| int8 \| 89\.50% \| −0\.50 pt \| 250 B \| 4\.00× \| 50 µs \| chosen, front \|/,
  );
  const table = searchTable(search);
  assert.match(table, /none-float32 \(student\) +none +float32 +90\.00% +\+0\.00 pt +1000 B +1\.00×/);
  assert.match(table, /Pareto front: units50-int8 \(250 B, 89\.50%\) < none-float32 \(1000 B, 90\.00%\)/);
});
