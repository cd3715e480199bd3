/**
 * The panel in real headless Chromium (the webview tests' harness): first render of a 200-layer comparison
 * and the cost of appending 10,000 training-curve points, each beside a baseline measured in the same run.
 * Times are taken inside the page from posting the message to the next painted frame.
 */
import type { Page } from 'playwright-core';
import type { LayerSummary } from '../src/core/model/summary-types';
import type { RunEvent } from '../src/core/protocol/run-events';
import type { AnalysisPayload, HostMessage } from '../src/core/protocol/webview-messages';
import { ANALYSIS, CONFIG_INIT, RUN_EVENTS, dense, epochEvent, model } from '../test/webview/fixtures/panel-fixtures';
import {
  buildPanel,
  launchBrowser,
  openPanel,
  sendAll,
  startServer,
  type Browser,
  type PanelServer,
} from '../test/webview/harness';
import { fmt, median, percentile, printTable } from './stats';

/**
 * Posts messages to the page and resolves with the ms until the frame after the last one is painted. Plain
 * JavaScript text: the TypeScript loader would add helpers to a function that do not exist in the page.
 */
const TIME_TO_PAINT = `async (list) => {
  const start = performance.now();
  let seen = 0;
  await new Promise((resolve) => {
    // Registered after the panel's own listener, so it runs once the panel has handled each message.
    const onMessage = () => { if (++seen === list.length) { window.removeEventListener('message', onMessage); resolve(); } };
    window.addEventListener('message', onMessage);
    for (const message of list) window.postMessage(message, '*');
  });
  // A task queued from inside an animation frame runs after that frame has been painted.
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return performance.now() - start;
}`;

async function timeToPaint(page: Page, messages: readonly HostMessage[]): Promise<number> {
  return page.evaluate(`(${TIME_TO_PAINT})(${JSON.stringify(messages)})`) as Promise<number>;
}

function wideAnalysis(layers: number): AnalysisPayload {
  const teacherLayers: LayerSummary[] = Array.from({ length: layers }, (_, i) =>
    dense(`teacher_dense_${i + 1}`, 256, 256, ['teacher', 'layers', i]),
  );
  const studentLayers: LayerSummary[] = Array.from({ length: layers / 2 }, (_, i) =>
    dense(`student_dense_${i + 1}`, 64, 64, ['student', 'layers', i]),
  );
  return {
    ...ANALYSIS,
    teacher: model([256], teacherLayers),
    student: model([256], studentLayers),
    features: Array.from({ length: 10 }, (_, i) => ({
      teacher: `teacher_dense_${(i + 1) * 20}`,
      student: `student_dense_${(i + 1) * 10}`,
      projection: 'linear' as const,
      weight: 0.1,
    })),
  };
}

const EMPTY_ANALYSIS: AnalysisPayload = { configName: 'empty.distill.yaml', features: [], diagnostics: [] };

async function coldRender(
  browser: Browser,
  server: PanelServer,
  analysis: AnalysisPayload,
  repeats: number,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < repeats + 1; i++) {
    const panel = await openPanel(browser, server);
    const ms = await timeToPaint(panel.page, [CONFIG_INIT, { type: 'analysis', payload: analysis }]);
    if (i > 0) times.push(ms); // the first load warms the browser's caches
    if (panel.errors.length) throw new Error(`panel errors: ${panel.errors.join('; ')}`);
    await panel.close();
  }
  return times;
}

async function warmRender(page: Page, analysis: AnalysisPayload, repeats: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < repeats + 2; i++) {
    const ms = await timeToPaint(page, [
      { type: 'analysis', payload: { ...analysis, configName: `run-${i}.distill.yaml` } },
    ]);
    if (i >= 2) times.push(ms);
  }
  return times;
}

function studentEpochs(count: number): RunEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    ...epochEvent('student', (i % 10) + 1, 1, i),
    epoch: i + 1,
    epochs: count,
  }));
}

/** Opens a fresh panel on the Training view with a run started, appends `events` (in one message or one each), returns ms to paint. */
async function appendPoints(
  browser: Browser,
  server: PanelServer,
  events: RunEvent[],
  oneMessageEach: boolean,
): Promise<number> {
  const panel = await openPanel(browser, server);
  await sendAll(panel, [CONFIG_INIT, { type: 'runEvents', payload: { events: RUN_EVENTS.slice(0, 1) } }]);
  await panel.page.locator('#tab-training').click();
  const messages: HostMessage[] = oneMessageEach
    ? events.map((event) => ({ type: 'runEvents', payload: { events: [event] } }))
    : [{ type: 'runEvents', payload: { events } }];
  const ms = await timeToPaint(panel.page, messages);
  const drawn = await panel.page.evaluate(
    () => document.querySelectorAll('figure[data-chart="training-loss"] canvas').length,
  );
  if (drawn !== 1 || panel.errors.length) throw new Error(`the loss chart did not render (${panel.errors.join('; ')})`);
  await panel.close();
  return ms;
}

async function main(): Promise<void> {
  buildPanel();
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const rows: string[][] = [];
    const row = (name: string, times: number[]): void => {
      rows.push([name, String(times.length), fmt(median(times)), fmt(percentile(times, 90))]);
    };

    row('cold: empty panel (baseline)', await coldRender(browser, server, EMPTY_ANALYSIS, 10));
    row('cold: 200-layer comparison', await coldRender(browser, server, wideAnalysis(200), 10));

    const panel = await openPanel(browser, server);
    await sendAll(panel, [CONFIG_INIT]);
    row('re-render: empty analysis (baseline)', await warmRender(panel.page, EMPTY_ANALYSIS, 20));
    row('re-render: 200-layer comparison', await warmRender(panel.page, wideAnalysis(200), 20));
    await panel.close();

    const batch = (n: number, each: boolean, repeats: number): Promise<number[]> =>
      Array.from({ length: repeats }).reduce<Promise<number[]>>(
        async (acc) => [...(await acc), await appendPoints(browser, server, studentEpochs(n), each)],
        Promise.resolve([]),
      );
    row('append 10 curve points, one message (baseline)', await batch(10, false, 7));
    row('append 10,000 curve points, one message', await batch(10_000, false, 7));
    row('append 10,000 curve points, 10,000 messages', await batch(10_000, true, 3));

    process.stdout.write('Headless Chromium, times from posting the message(s) to the next painted frame.\n');
    process.stdout.write(
      '"cold" includes creating the views in a freshly loaded page; each epoch event adds a point to 8 curves.\n',
    );
    printTable(['case', 'runs', 'median', 'p90'], rows);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
