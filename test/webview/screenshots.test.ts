/**
 * Screenshots of every view in the light and dark themes, saved to test-artifacts/webview/ for people to look
 * at; the test checks that the theme's colours reach the page and that each view rendered without errors.
 */
import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { HostMessage } from '../../src/core/protocol/webview-messages';
import { ANALYSIS, CONFIG_INIT, RUNS, RUN_EVENTS, SWEEP, epochEvent, report } from './fixtures/panel-fixtures';
import { THEMES, type ThemeName } from './fixtures/themes';
import {
  ARTIFACTS,
  buildPanel,
  launchBrowser,
  openPanel,
  sendAll,
  settle,
  startServer,
  type Browser,
  type PanelServer,
} from './harness';

const LIVE_RUN = [
  ...RUN_EVENTS,
  ...[3, 4, 5, 6, 7, 8].map((e) => epochEvent('student', e, 1, 10 + e)),
  ...[1, 2, 3, 4, 5].map((e) => epochEvent('baseline', e, 1, 20 + e)),
];
const CONFIG_PANEL: HostMessage[] = [
  CONFIG_INIT,
  { type: 'analysis', payload: ANALYSIS },
  { type: 'runEvents', payload: { events: LIVE_RUN } },
  { type: 'runs', payload: { runs: RUNS } },
  { type: 'report', payload: { runId: 'run-a', report: report('run-a') } },
];

/** "#1e1e1e" -> "rgb(30, 30, 30)", as getComputedStyle reports colours. */
const rgb = (hex: string): string => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

void describe('screenshots in light, dark and high-contrast themes', () => {
  let server: PanelServer;
  let browser: Browser;

  before(async () => {
    buildPanel();
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const theme of ['light', 'dark', 'high-contrast'] as ThemeName[]) {
    void it(`captures every view in the ${theme} theme`, async () => {
      const panel = await openPanel(browser, server, theme);
      const { page } = panel;
      await sendAll(panel, CONFIG_PANEL);
      assert.equal(
        await page.evaluate(() => getComputedStyle(document.body).backgroundColor),
        rgb(THEMES[theme].variables['--vscode-editor-background']!),
      );
      assert.ok(await page.evaluate((c) => document.body.classList.contains(c), THEMES[theme].bodyClass));
      for (const view of ['comparison', 'risks', 'training', 'results', 'runs']) {
        await page.locator(`#tab-${view}`).click();
        if (view === 'runs') {
          await page.locator('tr[data-run="run-a"] input[type="checkbox"]').check();
          await page.locator('tr[data-run="run-b"] input[type="checkbox"]').check();
          await sendAll(panel, [{ type: 'report', payload: { runId: 'run-b', report: report('run-b', 0.9667) } }]);
        }
        await settle(page);
        const file = path.join(ARTIFACTS, `${theme}-${view}.png`);
        await page.screenshot({ path: file, fullPage: true });
        assert.ok(statSync(file).size > 10_000, `${file} holds a real picture`);
      }
      await panel.close();
      const sweep = await openPanel(browser, server, theme);
      await sendAll(sweep, [
        {
          type: 'init',
          payload: { kind: 'sweep', target: 'file:///work/sweeps/s', title: 'Distillery sweep: sweep-temperature' },
        },
        { type: 'sweep', payload: { sweep: SWEEP } },
      ]);
      const file = path.join(ARTIFACTS, `${theme}-sweep.png`);
      await sweep.page.screenshot({ path: file, fullPage: true });
      assert.ok(statSync(file).size > 10_000);
      assert.deepEqual([...panel.errors, ...sweep.errors], []);
      await sweep.close();
    });
  }

  void it('redraws charts in the new colours when VS Code switches theme', async () => {
    const panel = await openPanel(browser, server, 'dark');
    const { page } = panel;
    await sendAll(panel, [...CONFIG_PANEL.slice(0, 1), CONFIG_PANEL[2]!]);
    await page.locator('#tab-training').click();
    await settle(page);
    // Tag the canvases, then switch theme the way VS Code does: new variables on <html>, new class on <body>.
    await page.evaluate(() => document.querySelectorAll('canvas').forEach((c) => c.setAttribute('data-before', '')));
    await page.evaluate((light) => {
      for (const [name, value] of Object.entries(light.variables))
        document.documentElement.style.setProperty(name, value);
      document.body.classList.replace('vscode-dark', light.bodyClass);
    }, THEMES.light);
    await settle(page);
    assert.equal(await page.locator('canvas[data-before]').count(), 0, 'every chart was redrawn');
    assert.equal(await page.locator('figure.chart-card canvas').count(), 3);
    assert.equal(
      await page.evaluate(() => getComputedStyle(document.body).backgroundColor),
      rgb(THEMES.light.variables['--vscode-editor-background']!),
    );
    assert.deepEqual(panel.errors, []);
    await panel.close();
  });
});
