/**
 * The README's examples table is the rendering of examples/results.json, and every row comes from the config
 * as shipped (its sha256 matches): change a config without re-running `npm run examples:table` and this fails.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { shippedExampleConfigs } from '../../scripts/examples-table';
import {
  configHash,
  EXAMPLES_MARKERS,
  type ExampleResults,
  renderExamplesTable,
} from '../../scripts/examples/results-table';

const ROOT = path.resolve(__dirname, '..', '..');
const results = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', 'results.json'), 'utf8')) as ExampleResults;

void test('every shipped example config has a row, measured from its current text', () => {
  assert.deepEqual(
    results.examples.map((e) => e.config),
    shippedExampleConfigs(),
  );
  for (const e of results.examples) {
    const text = fs.readFileSync(path.join(ROOT, e.config), 'utf8');
    assert.equal(
      e.sha256,
      configHash(text),
      `${e.config} changed since its numbers were measured: npm run examples:table ${e.config}`,
    );
    assert.equal(e.baseline.length, e.student.length);
    const gains = e.student.map((s, i) => (s - e.baseline[i]!) * 100);
    const mean = gains.reduce((a, b) => a + b, 0) / gains.length;
    assert.ok(Math.abs(mean - e.gain_mean) < 1e-6, `${e.config}: the recorded gain is the mean of the per-seed gains`);
  }
});

void test('the README table is exactly the rendering of examples/results.json', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const [start, end] = EXAMPLES_MARKERS;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  assert.ok(from >= 0 && to > from, 'the README has the examples-table markers');
  assert.equal(readme.slice(from + start.length, to).trim(), renderExamplesTable(results).trim());
});
