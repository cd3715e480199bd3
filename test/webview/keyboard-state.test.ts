/** Keyboard use of the panel and its state across reloads, in real Chromium. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { HostMessage } from '../../src/core/protocol/webview-messages';
import { VIEW_TITLES, viewsOf } from '../../src/webview/ui-state';
import { ANALYSIS, CONFIG_INIT, RUNS, RUN_EVENTS, report } from './fixtures/panel-fixtures';
import { openPanel, sendAll, settle, type Panel } from './harness';
import { useChromiumSuite } from './chromium-suite';

const EVERYTHING: HostMessage[] = [
  CONFIG_INIT,
  { type: 'analysis', payload: ANALYSIS },
  { type: 'runEvents', payload: { events: RUN_EVENTS } },
  { type: 'runs', payload: { runs: RUNS } },
  { type: 'report', payload: { runId: 'run-a', report: report('run-a') } },
];

void describe('keyboard and state', () => {
  const chromium = useChromiumSuite();
  let panel: Panel;
  const activeView = (): Promise<string | null> =>
    panel.page.evaluate(
      () => document.querySelector('[role="tab"][aria-selected="true"]')?.getAttribute('data-view') ?? null,
    );
  const focusedView = (): Promise<string | null> =>
    panel.page.evaluate(() => document.activeElement?.getAttribute('data-view') ?? null);

  before(async () => {
    panel = await openPanel(chromium.browser, chromium.server);
    await sendAll(panel, EVERYTHING);
  });

  void it('reaches the tabs with Tab and every view with the arrow keys', async () => {
    const { page } = panel;
    await page.locator('body').focus();
    await page.keyboard.press('Tab');
    assert.equal(await focusedView(), 'comparison', 'the first Tab stop is the active tab');
    const views = viewsOf('config');
    const seen: string[] = [];
    for (let i = 0; i < views.length; i++) {
      const view = await activeView();
      seen.push(view ?? '');
      assert.equal(await focusedView(), view, 'focus follows the selected tab');
      assert.equal(await page.locator('#view-panel').getAttribute('aria-labelledby'), `tab-${view}`);
      assert.equal(await page.locator(`#view-panel > section.view.${view}`).count(), 1, `${view} view is shown`);
      await page.keyboard.press('ArrowRight');
    }
    assert.deepEqual(seen, views);
    assert.equal(await activeView(), views[0], 'ArrowRight wraps around');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await activeView(), views.at(-1));
    await page.keyboard.press('Home');
    assert.equal(await activeView(), 'comparison');
    await page.keyboard.press('End');
    assert.equal(await activeView(), 'runs');
    assert.deepEqual(
      await page.locator('[role="tab"]').evaluateAll((tabs) => tabs.map((t) => t.getAttribute('tabindex'))),
      ['-1', '-1', '-1', '-1', '0'],
      'roving tabindex',
    );
    assert.deepEqual(panel.errors, []);
  });

  void it('moves from the tabs into the view and toggles a chart table with the keyboard', async () => {
    const { page } = panel;
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.equal(await activeView(), 'results');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'view-panel', 'the tab panel is the next stop');
    // Tab on until the first chart's table toggle has focus, then press Enter.
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.classList.contains('table-toggle') ?? false);
    }
    assert.ok(reached, 'a table toggle is reachable by Tab');
    const chart = await page.evaluate(() => document.activeElement?.closest('figure')?.getAttribute('data-chart'));
    await page.keyboard.press('Enter');
    await settle(page);
    assert.equal(await page.locator(`figure[data-chart="${chart}"] table`).count(), 1);
    assert.equal(
      await page.locator(`figure[data-chart="${chart}"] button.table-toggle`).getAttribute('aria-pressed'),
      'true',
    );
  });

  void it('restores the view, the table toggles and the selections after a reload', async () => {
    const { page } = panel;
    const chart = await page.locator('figure:has(table) ').first().getAttribute('data-chart');
    await page.locator('#tab-runs').click();
    await page.locator('tr[data-run="run-a"] input[type="checkbox"]').check();
    await page.locator('#tab-results').click();
    const stateBefore = await page.evaluate(() => sessionStorage.getItem('vscode-state'));
    await panel.reload();
    // As the real host does on `ready`: send everything again.
    assert.equal(await activeView(), 'results', 'the view is restored from getState before the host answers');
    await sendAll(panel, EVERYTHING);
    assert.equal(await activeView(), 'results');
    assert.equal(
      await page.locator(`figure[data-chart="${chart}"] button.table-toggle`).getAttribute('aria-pressed'),
      'true',
    );
    await page.locator('#tab-runs').click();
    assert.equal(await page.locator('tr[data-run="run-a"] input[type="checkbox"]').isChecked(), true);
    const stateAfter = await page.evaluate(() => sessionStorage.getItem('vscode-state'));
    assert.deepEqual(JSON.parse(stateAfter ?? '{}'), { ...(JSON.parse(stateBefore ?? '{}') as object), view: 'runs' });
    assert.deepEqual(await page.locator('[role="tab"]').allTextContents(), [
      'Comparison',
      `Risks (${ANALYSIS.diagnostics.length})`,
      'Training (running)',
      'Results',
      `Runs (${RUNS.length})`,
    ]);
    assert.equal(VIEW_TITLES.comparison, 'Comparison');
    assert.deepEqual(panel.errors, []);
  });
});
