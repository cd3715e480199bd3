/** The vscode-free parts of the panel host: page HTML and CSP, run directories, sweep files, analysis payload, event buffer. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { analyzeConfig } from '../../src/core/analysis/analyze';
import { nodeFileSystem } from '../../src/node/file-system';
import { validateHostMessage } from '../../src/core/protocol/webview-messages';
import { toAnalysisPayload } from '../../src/extension/panel/analysis-payload';
import { debounce } from '../../src/extension/panel/debounce';
import { contentSecurityPolicy, renderPanelHtml } from '../../src/extension/panel/html';
import { createNonce } from '../../src/extension/panel/nonce';
import { restoredTarget } from '../../src/extension/panel/panel-serializer-state';
import { RunEventBuffer } from '../../src/extension/panel/run-event-buffer';
import { listRuns, readReport, runDirOf } from '../../src/extension/panel/run-directories';
import { readSweep, trialRunDir } from '../../src/extension/panel/sweep-reader';
import { ROOT } from './harness';
import { RUN_EVENTS, SWEEP, epochEvent, report } from './fixtures/panel-fixtures';

const scratch = mkdtempSync(path.join(tmpdir(), 'distillery-panel-host-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

void describe('panel page', () => {
  void it('uses a strict policy with the nonce and escapes what it interpolates', () => {
    const nonce = createNonce();
    assert.notEqual(nonce, createNonce(), 'a fresh nonce each time');
    const html = renderPanelHtml({
      cspSource: 'https://x.vscode-cdn.net',
      nonce,
      scriptUri: 'https://x/dist/webview.js',
      styleUri: 'https://x/media/panel.css',
      title: 'Distillery: <b>"a"</b>',
    });
    assert.ok(
      html.includes(`content="${contentSecurityPolicy('https://x.vscode-cdn.net', nonce).replace(/'/g, "'")}"`),
    );
    assert.ok(html.includes(`<script nonce="${nonce}" src="https://x/dist/webview.js"></script>`));
    assert.ok(html.includes('<title>Distillery: &lt;b&gt;&quot;a&quot;&lt;/b&gt;</title>'));
    const csp = contentSecurityPolicy('https://x.vscode-cdn.net', nonce);
    assert.match(csp, /^default-src 'none'; /);
    assert.ok(!/unsafe-(inline|eval)/.test(csp));
  });

  void it('refuses a nonce that is too short to be unguessable', () => {
    assert.throws(
      () => renderPanelHtml({ cspSource: 'x', nonce: 'abc', scriptUri: 's', styleUri: 'c', title: 't' }),
      /nonce must be at least 16/,
    );
  });
});

void describe('run directories', () => {
  const output = path.join(scratch, 'runs');
  const write = (run: string, file: string, text: string): void => {
    mkdirSync(path.join(output, run), { recursive: true });
    writeFileSync(path.join(output, run, file), text);
  };
  write('run-a', 'report.json', JSON.stringify({ ...report('run-a'), started: '2026-11-27T12:00:00.000Z' }));
  write('run-b', 'report.json', JSON.stringify({ ...report('run-b', 0.97), started: '2026-11-27T13:00:00.000Z' }));
  write('run-live', 'events.jsonl', '{}\n');
  write('run-cut', 'report.json', '{"schema_version": 1, "run_id": ');
  write('run-alien', 'report.json', JSON.stringify({ hello: 'world' }));
  mkdirSync(path.join(output, 'not-a-run'), { recursive: true });

  void it('lists runs newest first, with a reason for each unreadable one, and skips other folders', () => {
    const runs = listRuns(output);
    const byId = new Map(runs.map((r) => [r.id, r]));
    assert.deepEqual(
      runs.filter((r) => r.status === 'done').map((r) => r.id),
      ['run-b', 'run-a'],
    );
    assert.equal(byId.get('run-b')?.studentAccuracy, 0.97);
    assert.equal(byId.get('run-live')?.status, 'running');
    assert.equal(byId.get('run-cut')?.status, 'unreadable');
    assert.match(byId.get('run-cut')?.error ?? '', /report\.json is not valid JSON/);
    assert.match(byId.get('run-alien')?.error ?? '', /is not a Distillery report: report\.schema_version should be 1/);
    assert.equal(byId.has('not-a-run'), false);
    assert.ok(validateHostMessage({ type: 'runs', payload: { runs } }).ok);
    assert.deepEqual(listRuns(path.join(scratch, 'missing')), []);
  });

  void it('reads a report, and says why a missing one cannot be read', () => {
    const read = readReport(path.join(output, 'run-a'));
    assert.ok(read.ok && read.report.run_id === 'run-a');
    const missing = readReport(path.join(output, 'run-live'));
    assert.ok(!missing.ok && missing.error.includes('does not exist'));
  });

  void it('resolves only listed run ids, never a path outside the output folder', () => {
    const runs = listRuns(output);
    assert.equal(runDirOf(output, 'run-a', runs), path.join(output, 'run-a'));
    assert.equal(runDirOf(output, '../../etc', runs), undefined);
    assert.equal(runDirOf(output, '../../etc', [...runs, { id: '../../etc', status: 'done' }]), undefined);
  });
});

void describe('sweep files', () => {
  const dir = path.join(scratch, 'sweep');
  mkdirSync(dir, { recursive: true });

  void it('reads a sweep index and resolves trials inside the sweep only', () => {
    writeFileSync(path.join(dir, 'sweep.json'), JSON.stringify(SWEEP));
    const read = readSweep(dir);
    assert.ok(read.ok);
    assert.equal(trialRunDir(dir, read.sweep, 'trial-001'), path.join(dir, 'trial-001'));
    assert.equal(trialRunDir(dir, read.sweep, 'trial-999'), undefined);
    const escaping = { ...SWEEP, trials: [{ ...SWEEP.trials[0]!, run_dir: '../../elsewhere' }] };
    assert.equal(trialRunDir(dir, escaping, 'trial-000'), undefined);
  });

  void it('explains a half-written or missing sweep.json', () => {
    writeFileSync(path.join(dir, 'sweep.json'), '{"schema_version": 1,');
    const partial = readSweep(dir);
    assert.ok(!partial.ok && partial.error.includes('is not valid JSON (it may be mid-write)'));
    const missing = readSweep(path.join(scratch, 'nothing'));
    assert.ok(!missing.ok && missing.error.includes('is this a sweep directory?'));
  });
});

void describe('analysis payload from the real core analysis', () => {
  void it('carries the diagnostics, feature pairs and summaries of an example config as a valid message', () => {
    const configPath = path.join(ROOT, 'examples', 'mnist.distill.yaml');
    const text = readFileSync(configPath, 'utf8').replace(/temperature: \d+/, 'temperature: -1');
    const analysis = analyzeConfig(text, configPath, nodeFileSystem);
    const payload = toAnalysisPayload(analysis, configPath);
    assert.equal(payload.configName, 'mnist.distill.yaml');
    assert.ok(validateHostMessage({ type: 'analysis', payload }).ok);
    const range = payload.diagnostics.find((d) => d.code === 'range');
    assert.ok(range, `a negative temperature is reported (got ${payload.diagnostics.map((d) => d.code).join(', ')})`);
    assert.equal(
      range.range.start.line,
      text.split('\n').findIndex((line) => line.includes('temperature: -1')),
    );
    assert.deepEqual(
      payload.diagnostics.map((d) => d.code),
      analysis.diagnostics.map((d) => d.code),
    );
    assert.deepEqual(payload.features, analysis.parsed.config.distillation.features);
    if (analysis.teacher) assert.deepEqual(payload.teacher, analysis.teacher);
  });
});

void describe('run event buffer', () => {
  void it('keeps the current run only and stays bounded', () => {
    const buffer = new RunEventBuffer(5);
    for (const event of RUN_EVENTS) buffer.add(event);
    assert.equal(buffer.all().length, 5);
    assert.equal(buffer.all()[0]?.type, 'start', 'the start event is kept');
    assert.equal(buffer.runDir(), '/work/runs/20261127-120000');
    assert.deepEqual(buffer.all().slice(1), RUN_EVENTS.slice(-4));
    buffer.add({ ...RUN_EVENTS[0]!, run_id: 'second', run_dir: '/work/runs/second' } as (typeof RUN_EVENTS)[0]);
    buffer.add(epochEvent('student', 1));
    assert.equal(buffer.all().length, 2);
    assert.equal(buffer.runDir(), '/work/runs/second');
  });

  void it('names the run directory as ended only after its terminal event', () => {
    const buffer = new RunEventBuffer();
    for (const event of RUN_EVENTS) buffer.add(event);
    assert.equal(buffer.endedRunDir(), undefined, 'still running');
    buffer.add({
      type: 'done',
      time: '2026-11-27T12:03:00.000Z',
      report_path: '/work/runs/20261127-120000/report.json',
      summary: 'student 93%',
    });
    assert.equal(buffer.endedRunDir(), '/work/runs/20261127-120000');
    buffer.add({ ...RUN_EVENTS[0]!, run_id: 'next', run_dir: '/work/runs/next' } as (typeof RUN_EVENTS)[0]);
    assert.equal(buffer.endedRunDir(), undefined, 'a new run started');
    buffer.add({ type: 'failed', time: '2026-11-27T12:04:00.000Z', error: 'out of memory' });
    assert.equal(buffer.endedRunDir(), '/work/runs/next');
  });
});

void describe('debounce', () => {
  void it('runs once after the last call, and not at all when cancelled', (t) => {
    // Node's mock timers: the delay is the subject under test, so time is advanced by hand instead of waited for.
    t.mock.timers.enable({ apis: ['setTimeout'] });
    let runs = 0;
    const run = debounce(() => {
      runs++;
    }, 250);
    run();
    t.mock.timers.tick(200);
    run();
    t.mock.timers.tick(200);
    run();
    assert.equal(runs, 0, 'each call restarts the delay');
    t.mock.timers.tick(250);
    assert.equal(runs, 1);
    run();
    run.cancel();
    t.mock.timers.tick(1000);
    assert.equal(runs, 1, 'cancel drops the pending call');
  });
});

void describe('serializer state', () => {
  void it('restores only states the panel wrote', () => {
    assert.deepEqual(
      restoredTarget({ init: { kind: 'config', target: 'file:///a.distill.yaml', title: 't' }, view: 'risks' }),
      { kind: 'config', target: 'file:///a.distill.yaml' },
    );
    assert.equal(restoredTarget(undefined), undefined);
    assert.equal(restoredTarget({ init: { kind: 'folder', target: 'x' } }), undefined);
    assert.equal(restoredTarget({ init: { kind: 'run' } }), undefined);
  });
});
