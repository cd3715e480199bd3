/** The panel's Content Security Policy and message validation, in real Chromium. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ANALYSIS, CONFIG_INIT, XSS_NAME } from './fixtures/panel-fixtures';
import { openPanel, sendAll, textOf, type Panel } from './harness';
import { useChromiumSuite } from './chromium-suite';

interface PageFlags {
  __inlineRan?: boolean;
  __handlerRan?: boolean;
  __cspViolations: string[];
  __alerts: string[];
}

void describe('panel security', () => {
  const chromium = useChromiumSuite();
  let panel: Panel;

  before(async () => {
    panel = await openPanel(chromium.browser, chromium.server);
    await sendAll(panel, [CONFIG_INIT, { type: 'analysis', payload: ANALYSIS }]);
  });

  void it('serves the policy default-src none with a nonce for the only script', async () => {
    const { page } = panel;
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.ok(csp?.startsWith("default-src 'none'"), csp ?? 'no CSP');
    if (!csp) return;
    assert.ok(csp.includes(`script-src 'nonce-${chromium.server.lastNonce}'`));
    assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'));
    const scripts = await page
      .locator('script')
      .evaluateAll((list) => list.map((s) => ({ src: s.getAttribute('src'), nonce: (s as HTMLScriptElement).nonce })));
    assert.deepEqual(scripts, [{ src: `${chromium.server.origin}/dist/webview.js`, nonce: chromium.server.lastNonce }]);
    assert.deepEqual(panel.errors, [], 'the panel itself needs nothing the policy forbids (Chart.js included)');
    assert.deepEqual(await page.evaluate(() => (window as unknown as PageFlags).__cspViolations), []);
  });

  void it('blocks an inline script and an inline event handler injected into the page', async () => {
    const { page } = panel;
    const errorsBefore = panel.errors.length;
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true;';
      document.body.appendChild(script);
      const img = document.createElement('img');
      img.setAttribute('onerror', 'window.__handlerRan = true');
      img.setAttribute('src', 'data:image/png;base64,not-an-image');
      document.body.appendChild(img);
    });
    await page.waitForFunction(() => (window as unknown as PageFlags).__cspViolations.length >= 2, undefined, {
      timeout: 5000,
    });
    const flags = await page.evaluate(() => ({
      inline: (window as unknown as PageFlags).__inlineRan ?? false,
      handler: (window as unknown as PageFlags).__handlerRan ?? false,
      violations: (window as unknown as PageFlags).__cspViolations,
    }));
    assert.equal(flags.inline, false, 'the inline script did not run');
    assert.equal(flags.handler, false, 'the inline handler did not run');
    assert.ok(
      flags.violations.every((v) => v.startsWith('script-src')),
      flags.violations.join('; '),
    );
    assert.ok(
      panel.errors.slice(errorsBefore).some((e) => e.includes('Content Security Policy')),
      'Chromium reported the blocked script',
    );
    panel.errors.length = errorsBefore;
    await page.evaluate(() => document.querySelectorAll('body > img').forEach((img) => img.remove()));
  });

  void it("blocks a script without the nonce even from the panel's own origin, and any network request", async () => {
    const { page } = panel;
    const errorsBefore = panel.errors.length;
    const violationsBefore = await page.evaluate(() => (window as unknown as PageFlags).__cspViolations.length);
    const fetched = await page.evaluate(async (origin) => {
      const script = document.createElement('script');
      script.src = `${origin}/dist/webview.js`;
      document.body.appendChild(script);
      try {
        await fetch(`${origin}/media/panel.css`);
        return 'fetched';
      } catch (error) {
        return (error as Error).name;
      }
    }, chromium.server.origin);
    assert.equal(fetched, 'TypeError', 'fetch is refused (connect-src falls back to none)');
    await page.waitForFunction(
      (n) => (window as unknown as PageFlags).__cspViolations.length >= n + 2,
      violationsBefore,
      { timeout: 5000 },
    );
    const violations = (await page.evaluate(() => (window as unknown as PageFlags).__cspViolations)).slice(
      violationsBefore,
    );
    assert.ok(
      violations.some((v) => v.startsWith('script-src')),
      violations.join('; '),
    );
    assert.ok(
      violations.some((v) => v.startsWith('connect-src')),
      violations.join('; '),
    );
    assert.equal(
      await page.locator('.fatal').count(),
      0,
      'the second copy of the bundle did not run (it would fail to acquire the VS Code API)',
    );
    assert.equal((await panel.posted()).filter((m) => m.type === 'ready').length, 1);
    panel.errors.length = errorsBefore;
  });

  void it('drops a malformed message with a clear notice, tells the host, and keeps what is shown', async () => {
    const { page } = panel;
    await sendAll(panel, [
      { type: 'analysis', payload: { ...ANALYSIS, teacher: { ...ANALYSIS.teacher, params: 'many' } } },
    ]);
    assert.equal(
      await textOf(page, '.notice-error span'),
      'Ignored a message from the extension: invalid host message: analysis.payload.teacher.params should be a finite number',
    );
    await panel.waitForPosted('protocolError');
    assert.deepEqual((await panel.posted()).find((m) => m.type === 'protocolError')?.payload, {
      message: 'invalid host message: analysis.payload.teacher.params should be a finite number',
    });
    assert.equal(
      await page.locator('[data-role="teacher"] li.layer').count(),
      ANALYSIS.teacher!.layers.length,
      'the previous comparison stays',
    );
    await sendAll(panel, [
      { type: 'toString', payload: {} },
      { type: 'runEvents', payload: { events: [{ type: 'constructor', time: 'now' }] } },
    ]);
    const notices = await page.locator('.notice-error span').allTextContents();
    assert.ok(
      notices[1]?.startsWith('Ignored a message from the extension: unknown host message type "toString"'),
      notices[1],
    );
    assert.ok(notices[2]?.includes('runEvents.payload.events[0].type should be one of start, phase'), notices[2]);
    await page.locator('.notice-error button').first().click();
    assert.equal(await page.locator('.notice-error').count(), 2, 'a notice can be dismissed');
    assert.deepEqual(panel.errors, []);
  });

  void it('renders host notices as text', async () => {
    const { page } = panel;
    await sendAll(panel, [
      { type: 'notice', payload: { level: 'error', message: `report.json is not valid JSON ${XSS_NAME}` } },
    ]);
    assert.equal(await textOf(page, '.notices li:last-child span'), `report.json is not valid JSON ${XSS_NAME}`);
    assert.equal(await page.locator('#app img').count(), 0);
    assert.deepEqual(await page.evaluate(() => (window as unknown as PageFlags).__alerts), []);
  });
});
