/**
 * A config panel's Results view after a run ends, in real Chromium: the host sends the run listing (`runs`)
 * and the finished run's `report` in either order, on a live page or on one that has just (re)loaded.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HostMessage, RunListEntry } from '../../src/core/protocol/webview-messages';
import { CONFIG_INIT, RUN_EVENTS, report } from './fixtures/panel-fixtures';
import { openPanel, sendAll, settle, textOf, type Panel } from './harness';
import { useChromiumSuite } from './chromium-suite';

const RUN_ID = 'mnist-20261127-120000';
const LISTED: RunListEntry[] = [
  { id: RUN_ID, status: 'done', started: '2026-11-27T12:00:00.000Z', studentAccuracy: 0.9333 },
];
const RUNS_MESSAGE: HostMessage = { type: 'runs', payload: { runs: LISTED } };
const REPORT_MESSAGE: HostMessage = { type: 'report', payload: { runId: RUN_ID, report: report(RUN_ID) } };
const DONE: HostMessage = {
  type: 'runEvents',
  payload: {
    events: [
      {
        type: 'done',
        time: '2026-11-27T12:03:00.000Z',
        report_path: `/work/runs/${RUN_ID}/report.json`,
        summary: 'student 93.3%',
      },
    ],
  },
};

async function openResults(panel: Panel): Promise<void> {
  await panel.page.locator('#tab-results').click();
  await settle(panel.page);
}

async function shownRun(panel: Panel): Promise<string | null> {
  return panel.page.locator('section.view.results').getAttribute('data-run', { timeout: 5_000 });
}

void describe('config panel results after a run', () => {
  const chromium = useChromiumSuite();

  for (const [order, messages] of [
    ['runs then report', [RUNS_MESSAGE, REPORT_MESSAGE]],
    ['report then runs', [REPORT_MESSAGE, RUNS_MESSAGE]],
  ] as const) {
    void it(`shows the finished run's results when the host sends ${order} with the Results view open`, async () => {
      const panel = await openPanel(chromium.browser, chromium.server);
      try {
        await sendAll(panel, [CONFIG_INIT, { type: 'runEvents', payload: { events: RUN_EVENTS } }]);
        await openResults(panel);
        assert.equal(
          await textOf(panel.page, 'section.view.results'),
          'No results yet: finish a run, or pick one in the Runs view.',
        );
        await sendAll(panel, [DONE, ...messages]);
        assert.equal(await shownRun(panel), RUN_ID);
        assert.equal(await textOf(panel.page, 'section.view.results h2'), `Run ${RUN_ID}`);
        assert.deepEqual(panel.errors, []);
      } finally {
        await panel.close();
      }
    });

    void it(`shows them when the Results view is opened after ${order} arrived`, async () => {
      const panel = await openPanel(chromium.browser, chromium.server);
      try {
        await sendAll(panel, [
          CONFIG_INIT,
          { type: 'runEvents', payload: { events: [...RUN_EVENTS] } },
          DONE,
          ...messages,
        ]);
        await openResults(panel);
        assert.equal(await shownRun(panel), RUN_ID);
        assert.deepEqual(panel.errors, []);
      } finally {
        await panel.close();
      }
    });
  }

  void it('shows them again after the page reloads (a hidden panel coming back) and the host resends them', async () => {
    const panel = await openPanel(chromium.browser, chromium.server);
    try {
      await sendAll(panel, [CONFIG_INIT, REPORT_MESSAGE, RUNS_MESSAGE]);
      await openResults(panel);
      assert.equal(await shownRun(panel), RUN_ID);
      await panel.reload();
      // What ConfigPanel.sendAll sends a reloaded page: init, the run's events, its listing and its report.
      await sendAll(panel, [
        CONFIG_INIT,
        { type: 'runEvents', payload: { events: RUN_EVENTS } },
        DONE,
        RUNS_MESSAGE,
        REPORT_MESSAGE,
      ]);
      assert.equal(
        await textOf(panel.page, '[role=tab][aria-selected=true]'),
        'Results',
        'the Results view stays selected across the reload',
      );
      assert.equal(await shownRun(panel), RUN_ID);
      assert.deepEqual(panel.errors, []);
    } finally {
      await panel.close();
    }
  });
});
