/** Runs (list, pick one, compare two) and Sweep (sortable trials, charts per parameter, best run one click away) in real Chromium. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { HostMessage } from '../../src/core/protocol/webview-messages';
import { formatPercent, formatPoints } from '../../src/core/format/percent';
import { CONFIG_INIT, RUNS, SWEEP, report } from './fixtures/panel-fixtures';
import { openPanel, sendAll, settle, textOf, type Panel } from './harness';
import { useChromiumSuite } from './chromium-suite';

void describe('runs view', () => {
  const chromium = useChromiumSuite();
  let panel: Panel;

  before(async () => {
    panel = await openPanel(chromium.browser, chromium.server);
    await sendAll(panel, [CONFIG_INIT, { type: 'runs', payload: { runs: RUNS } }]);
    await panel.page.locator('#tab-runs').click();
  });

  void it('lists every run with its status and accuracies, newest first as the host sent them', async () => {
    const { page } = panel;
    assert.equal(await textOf(page, '#tab-runs'), `Runs (${RUNS.length})`);
    assert.deepEqual(
      await page.locator('table.run-list tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-run'))),
      RUNS.map((r) => r.id),
    );
    const cells = await page.locator('tr[data-run="run-a"] td').allTextContents();
    assert.deepEqual(cells.slice(1, 6), [
      'done',
      RUNS[1]!.started!,
      formatPercent(RUNS[1]!.teacherAccuracy!, 2),
      formatPercent(RUNS[1]!.baselineAccuracy!, 2),
      formatPercent(RUNS[1]!.studentAccuracy!, 2),
    ]);
    assert.equal(await page.locator('tr[data-run="run-broken"] input[type="checkbox"]').isDisabled(), true);
    assert.equal(await textOf(page, 'tr[data-run="run-broken"] td.error-text'), 'report.json is not valid JSON');
  });

  void it('fetches the reports of two ticked runs and compares them', async () => {
    const { page } = panel;
    await page.locator('tr[data-run="run-a"] input[type="checkbox"]').check();
    await page.locator('tr[data-run="run-b"] input[type="checkbox"]').check();
    await panel.waitForPosted('loadReport', 2);
    const asked = (await panel.posted()).filter((m) => m.type === 'loadReport').map((m) => m.payload);
    assert.deepEqual(asked, [{ runId: 'run-a' }, { runId: 'run-b' }]);
    assert.equal(await textOf(page, '.view.runs .placeholder'), 'Loading the two reports…');
    const a = report('run-a', 0.9333);
    const plainB = report('run-b', 0.9667);
    // run-b's files score less than its in-process quantized model (0.9): the comparison quotes the files.
    const b = { ...plainB, exports: plainB.exports!.map((e) => ({ ...e, accuracy: 0.8667 })) };
    await sendAll(panel, [
      { type: 'report', payload: { runId: 'run-a', report: a } },
      { type: 'report', payload: { runId: 'run-b', report: b } },
    ]);
    const table = page.locator('table.run-comparison');
    assert.equal(await table.locator('caption').textContent(), 'Run run-a against run run-b');
    const student = await table.locator('tbody tr').first().locator('td').allTextContents();
    assert.deepEqual(student, [formatPercent(0.9333, 2), formatPercent(0.9667, 2), formatPoints(0.9667 - 0.9333)]);
    const shippedRow = table
      .locator('tbody tr')
      .filter({ has: page.locator('th', { hasText: 'Shipped model accuracy' }) });
    assert.deepEqual(
      await shippedRow.locator('td').allTextContents(),
      [formatPercent(0.9, 2), formatPercent(0.8667, 2), formatPoints(0.8667 - 0.9)],
      "the shipped file's accuracy, not the in-process model's",
    );
    assert.deepEqual(panel.errors, []);
  });

  void it('keeps at most two runs ticked', async () => {
    const { page } = panel;
    await page.locator('tr[data-run="run-a"] input[type="checkbox"]').uncheck();
    assert.equal(await page.locator('table.run-comparison').count(), 0);
    const state = await page.evaluate(
      () => JSON.parse(sessionStorage.getItem('vscode-state') ?? '{}') as { selectedRuns?: string[] },
    );
    assert.deepEqual(state.selectedRuns, ['run-b']);
  });

  void it('opens a run in the Results view', async () => {
    const { page } = panel;
    await page.locator('tr[data-run="run-a"] button', { hasText: 'Results' }).click();
    assert.equal(await page.locator('#tab-results').getAttribute('aria-selected'), 'true');
    assert.equal(await page.locator('.view.results').getAttribute('data-run'), 'run-a');
  });
});

void describe('sweep view', () => {
  const chromium = useChromiumSuite();
  let panel: Panel;
  const init: HostMessage = {
    type: 'init',
    payload: {
      kind: 'sweep',
      target: 'file:///work/sweeps/sweep-temperature',
      title: 'Distillery sweep: sweep-temperature',
    },
  };
  const rowIds = (p: Panel): Promise<(string | null)[]> =>
    p.page.locator('table.sweep-trials tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-trial')));

  before(async () => {
    panel = await openPanel(chromium.browser, chromium.server);
    await sendAll(panel, [init, { type: 'sweep', payload: { sweep: SWEEP } }]);
  });

  void it('sorts trials by the objective, best first, with unfinished trials last', async () => {
    assert.deepEqual(await rowIds(panel), [
      'trial-001',
      'trial-002',
      'trial-000',
      'trial-004',
      'trial-003',
      'trial-005',
    ]);
    assert.equal(
      await panel.page.locator('th[aria-sort="descending"] button').getAttribute('data-column'),
      'objective',
    );
    assert.equal(await textOf(panel.page, 'tr[data-trial="trial-003"] td[data-state]'), 'failed: loss became NaN');
  });

  void it('sorts by a parameter column by click and by keyboard, and remembers the order', async () => {
    const { page } = panel;
    await page.locator('button[data-column="param:distillation.temperature"]').click();
    assert.deepEqual(await rowIds(panel), [
      'trial-000',
      'trial-003',
      'trial-001',
      'trial-004',
      'trial-002',
      'trial-005',
    ]);
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute('data-column')),
      'param:distillation.temperature',
      'focus stays on the heading',
    );
    await page.keyboard.press('Enter');
    assert.deepEqual(await rowIds(panel), [
      'trial-002',
      'trial-005',
      'trial-001',
      'trial-004',
      'trial-000',
      'trial-003',
    ]);
    const state = await page.evaluate(
      () => JSON.parse(sessionStorage.getItem('vscode-state') ?? '{}') as { sweepSort?: unknown },
    );
    assert.deepEqual(state.sweepSort, { column: 'param:distillation.temperature', descending: true });
  });

  void it('charts the objective against each swept parameter, with a table view', async () => {
    const { page } = panel;
    assert.equal(await page.locator('figure.chart-card').count(), SWEEP.parameters.length);
    const card = page.locator('figure[data-chart="sweep-distillation.temperature"]');
    await card.locator('button.table-toggle').click();
    await settle(page);
    const rows = await card
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((c) => c.textContent)));
    assert.deepEqual(rows, [
      ['1', '0.91'],
      ['4', '0.97, 0.89'],
      ['8', '0.94'],
    ]);
    const optimizer = page.locator('figure[data-chart="sweep-training.optimizer"]');
    await optimizer.locator('button.table-toggle').click();
    await settle(page);
    assert.deepEqual(await optimizer.locator('tbody th').allTextContents(), ['adam', 'sgd']);
  });

  void it("opens the best trial's run in one click", async () => {
    const { page } = panel;
    assert.ok(
      (await textOf(page, '.best-trial')).startsWith(
        'Best: trial-001 with accuracy 0.97 (distillation.temperature = 4, training.optimizer = adam)',
      ),
    );
    await page.locator('.best-trial button').click();
    await panel.waitForPosted('openTrial');
    assert.deepEqual((await panel.posted()).find((m) => m.type === 'openTrial')?.payload, { trialId: 'trial-001' });
    assert.equal(
      await page.locator('tr[data-trial="trial-005"] button[data-open]').isDisabled(),
      true,
      'a pending trial has no run to open',
    );
    assert.deepEqual(panel.errors, []);
  });
});
