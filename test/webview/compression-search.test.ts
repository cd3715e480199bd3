/**
 * The accuracy-aware search in the Results view, in real Chromium: the chosen point in words, the size/accuracy
 * chart drawn with the front and the chosen point, and its table view naming every point (the chosen one and the
 * front marked). Point ids come from a file, so a hostile one is shown as text, never as markup.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { CompressionSearch, SearchPoint } from '../../src/core/protocol/compression-search';
import { CONFIG_INIT, report } from './fixtures/panel-fixtures';
import { openPanel, paintedPixels, sendAll, settle, tableRows, textOf, type Panel } from './harness';
import { useChromiumSuite } from './chromium-suite';

const HOSTILE = 'units50-int8<img src=x onerror="window.__pwned=1">';

const point = (id: string, bytes: number, accuracy: number, extra: Partial<SearchPoint> = {}): SearchPoint => ({
  id,
  sparsity: 0,
  structure: 'none',
  dtype: 'float32',
  aware: false,
  params: 50890,
  validation_accuracy: accuracy,
  accuracy_drop: (0.92 - accuracy) * 100,
  bytes,
  bytes_gzip: bytes * 0.9,
  file: `search/${id}/export/model.onnx`,
  batch1_ms: 0.05,
  test_accuracy: accuracy - 0.01,
  within_target: (0.92 - accuracy) * 100 <= 1 + 1e-9,
  ...extra,
});

const SEARCH: CompressionSearch = {
  max_accuracy_drop: 1,
  objective: 'size',
  split: 'validation',
  reference: 'none-float32',
  points: [
    point('none-float32', 204_000, 0.92),
    point('none-int8', 52_000, 0.92, { dtype: 'int8' }),
    point(HOSTILE, 27_000, 0.915, { dtype: 'int8', sparsity: 0.5, structure: 'units', params: 25_450 }),
    point('units75-int8', 14_000, 0.87, { dtype: 'int8', sparsity: 0.75, structure: 'units', params: 12_730 }),
  ],
  front: ['units75-int8', HOSTILE, 'none-int8'],
  chosen: HOSTILE,
  outcome: 'compressed',
};

void describe('accuracy-aware compression in the Results view', () => {
  const chromium = useChromiumSuite();
  let panel: Panel;

  before(async () => {
    panel = await openPanel(chromium.browser, chromium.server);
    const r = { ...report('run-search'), compression_search: SEARCH };
    await sendAll(panel, [CONFIG_INIT, { type: 'report', payload: { runId: 'run-search', report: r } }]);
    await panel.page.locator('#tab-results').click();
    await settle(panel.page);
  });

  void it('says which point was chosen and draws the front with the chosen point marked', async () => {
    const { page } = panel;
    const chosen = await textOf(page, 'section.compression-search .search-chosen');
    assert.match(
      chosen,
      /^Chosen: units50-int8<img src=x onerror="window.__pwned=1"> \(units 50%, int8\): 26\.4 KiB shipped, 7\.56× smaller/,
    );
    const painted = await paintedPixels(panel, 'results-search-front');
    assert.ok(painted > 500, `the chart painted ${painted} pixels`);
    assert.equal(await page.locator('section.compression-search img').count(), 0, 'the id stayed text');
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  });

  void it('its table view lists every point by name with the chosen one, the front and the target marked', async () => {
    const rows = await tableRows(panel, 'results-search-front');
    assert.deepEqual(
      rows.map((r) => r[0]),
      ['none-float32 (student)', 'none-int8', HOSTILE, 'units75-int8'],
    );
    assert.equal(rows[2]![8], 'chosen, front');
    assert.equal(rows[3]![8], 'front, outside target');
    assert.equal(rows[2]![6], '7.56×');
    assert.equal(rows[2]![3], '91.50%');
    // Toggling back draws the chart again.
    await panel.page.locator('figure[data-chart="results-search-front"] button.table-toggle').click();
    await settle(panel.page);
    assert.equal(await panel.page.locator('figure[data-chart="results-search-front"] canvas').count(), 1);
    assert.deepEqual(panel.errors, []);
  });

  void it('a run without a search has no such section', async () => {
    await sendAll(panel, [{ type: 'report', payload: { runId: 'run-plain', report: report('run-plain') } }]);
    await settle(panel.page);
    assert.equal(await panel.page.locator('section.compression-search').count(), 0);
  });
});
