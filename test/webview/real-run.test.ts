/**
 * End to end with real producers: trains the penguins example with the real CLI (about 16 s here), then shows
 * what the host would send — the core analysis of the config, the run's events.jsonl, the listing of its
 * output folder and its report.json, read with the host's own readers — in the real panel in Chromium.
 * Catches any drift between what the trainer writes and what the panel accepts and shows.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { analyzeConfig } from '../../src/core/analysis/analyze';
import { nodeFileSystem } from '../../src/node/file-system';
import type { RunReport } from '../../src/core/protocol/report';
import { parseRunEvent, type EpochEvent, type RunEvent, type StartEvent } from '../../src/core/protocol/run-events';
import type { AnalysisPayload, HostMessage } from '../../src/core/protocol/webview-messages';
import { toAnalysisPayload } from '../../src/extension/panel/analysis-payload';
import { listRuns, readReport } from '../../src/extension/panel/run-directories';
import { formatCount, formatNumber } from '../../src/core/format/numbers';
import { formatPercent, formatPoints } from '../../src/core/format/percent';
import {
  ARTIFACTS,
  ROOT,
  launchBrowser,
  openPanel,
  sendAll,
  settle,
  startServer,
  textOf,
  type Browser,
  type Panel,
  type PanelServer,
} from './harness';

const CONFIG = path.join(ROOT, 'examples', 'penguins.distill.yaml');

function train(runDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'dist', 'cli.js'), 'train', CONFIG, '--run-dir', runDir, '--json'],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`distillery train exited with ${code}:\n${stderr}`)),
    );
  });
}

void describe('a real training run in the panel', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'distillery-panel-run-'));
  const output = path.join(scratch, 'runs');
  const runDir = path.join(output, 'penguins-1');
  let server: PanelServer;
  let browser: Browser;
  let panel: Panel;
  let analysis: AnalysisPayload;
  let events: RunEvent[];
  let report: RunReport;

  before(async () => {
    const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), '--only=cli,webview'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(build.status, 0, `build failed: ${build.stderr}`);
    await train(runDir);
    analysis = toAnalysisPayload(analyzeConfig(readFileSync(CONFIG, 'utf8'), CONFIG, nodeFileSystem), CONFIG);
    events = readFileSync(path.join(runDir, 'events.jsonl'), 'utf8')
      .split('\n')
      .map(parseRunEvent)
      .filter((e): e is RunEvent => e !== undefined);
    const read = readReport(runDir);
    assert.ok(read.ok, read.ok ? '' : read.error);
    report = read.report;
    server = await startServer();
    browser = await launchBrowser();
    panel = await openPanel(browser, server);
    const messages: HostMessage[] = [
      {
        type: 'init',
        payload: { kind: 'config', target: `file://${CONFIG}`, title: 'Distillery: penguins.distill.yaml' },
      },
      { type: 'analysis', payload: analysis },
      { type: 'runEvents', payload: { events } },
      { type: 'runs', payload: { runs: listRuns(output) } },
      { type: 'report', payload: { runId: 'penguins-1', report } },
    ];
    await sendAll(panel, messages);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  void it('accepts every message built from the real producers', async () => {
    assert.ok(events.some((e) => e.type === 'epoch') && events.at(-1)?.type === 'done');
    assert.equal(await panel.page.locator('.notice').count(), 0, await panel.page.locator('.notices').innerText());
    assert.deepEqual(panel.errors, []);
  });

  void it('compares the real teacher and student summaries', async () => {
    const { page } = panel;
    assert.ok(analysis.teacher && analysis.student, 'the core analysis summarises both models');
    assert.deepEqual(
      await page.locator('[data-role="teacher"] .layer-name').allTextContents(),
      analysis.teacher.layers.map((l) => l.name),
    );
    assert.deepEqual(
      await page.locator('[data-role="student"] .layer-name').allTextContents(),
      analysis.student.layers.map((l) => l.name),
    );
    assert.deepEqual((await page.locator('tr[data-total="params"] td').allTextContents()).slice(0, 2), [
      formatCount(analysis.teacher.params),
      formatCount(analysis.student.params),
    ]);
  });

  void it("draws the real run's curves and ends with its summary", async () => {
    const { page } = panel;
    await page.locator('#tab-training').click();
    const done = events.at(-1);
    assert.equal(await textOf(page, '.training-status .run-state'), 'Done');
    assert.equal(await textOf(page, '.training-status .summary'), done?.type === 'done' ? done.summary : '');
    const card = page.locator('figure[data-chart="training-loss"]');
    await card.locator('button.table-toggle').click();
    await settle(page);
    const seeds = (events[0] as StartEvent).seeds;
    const firstStudent = events.find((e): e is EpochEvent => e.type === 'epoch' && e.role === 'student');
    assert.ok(firstStudent, 'the run trained a student');
    const column = `${seeds > 1 ? `student (seed ${firstStudent.seed})` : 'student'} loss`;
    const header = await card.locator('thead th').allTextContents();
    const index = header.indexOf(column);
    assert.ok(index > 0, `a "${column}" column among ${header.join(' | ')}`);
    const cell = await card
      .locator('tbody tr')
      .nth(firstStudent.epoch - 1)
      .locator('th, td')
      .nth(index)
      .textContent();
    assert.equal(cell, formatNumber(firstStudent.loss));
    const epochs = new Set(events.filter((e) => e.type === 'epoch').map((e) => (e as EpochEvent).epoch));
    assert.equal(await card.locator('tbody tr').count(), epochs.size);
    await card.locator('button.table-toggle').click();
    await settle(page);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'real-run-training.png'), fullPage: true });
  });

  void it("shows the real report's results and lists the run", async () => {
    const { page } = panel;
    await page.locator('#tab-results').click();
    const accuracy = await page.locator('table.summary tbody tr').first().locator('td').allTextContents();
    const roles = (['teacher', 'baseline', 'student', 'pruned', 'quantized'] as const).filter((r) => report[r]);
    assert.deepEqual(
      accuracy,
      roles.map((r) => formatPercent(report[r]!.metrics.accuracy, 2)),
    );
    if (report.distillation_gain)
      assert.equal(await textOf(page, '[data-gain="mean"]'), formatPoints(report.distillation_gain.mean));
    await page.screenshot({ path: path.join(ARTIFACTS, 'real-run-results.png'), fullPage: true });
    await page.locator('#tab-runs').click();
    assert.equal(await textOf(page, 'tr[data-run="penguins-1"] td[data-state]'), report.status);
    assert.deepEqual(panel.errors, []);
  });
});
