/** A run directory whose trainer was killed mid-run is completed the way the trainer would have ended it. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import type { RunReport } from '../../src/core/protocol/report';
import { parseRunEvent } from '../../src/core/protocol/run-events';
import { sealRunDir } from '../../src/trainer/run/seal-run';

void test('a killed run gets a terminal event after its last complete line and a report with the reason', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seal-'));
  const start = {
    type: 'start',
    time: '2026-01-01T00:00:00.000Z',
    run_id: 'r',
    run_dir: dir,
    config_path: '/c.yaml',
    backend: 'wasm',
    pid: 1,
    phases: [],
    seeds: 1,
    resumed: false,
  };
  // The writer died half-way through its last line.
  fs.writeFileSync(path.join(dir, 'events.jsonl'), `${JSON.stringify(start)}\n{"type":"epoch","ti`);
  assert.equal(sealRunDir(dir, '/c.yaml', 'failed', 'job 7_1 ran out of memory'), true);
  const lines = fs.readFileSync(path.join(dir, 'events.jsonl'), 'utf8').trim().split('\n');
  const last = parseRunEvent(lines[lines.length - 1]!);
  assert.deepEqual(last && { type: last.type, error: last.type === 'failed' ? last.error : undefined }, {
    type: 'failed',
    error: 'job 7_1 ran out of memory',
  });
  const report = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')) as RunReport;
  assert.equal(report.status, 'failed');
  assert.equal(report.error, 'job 7_1 ran out of memory');
  assert.equal(report.backend, 'wasm');
  assert.equal(report.started, start.time);
  assert.match(report.hint ?? '', /--retry/);
});

void test('a run that never started, or that wrote its own report, is left alone', () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'seal-'));
  assert.equal(sealRunDir(empty, '/c.yaml', 'cancelled', 'x'), false);
  assert.deepEqual(fs.readdirSync(empty), []);
  const finished = fs.mkdtempSync(path.join(os.tmpdir(), 'seal-'));
  fs.writeFileSync(path.join(finished, 'events.jsonl'), '{"type":"done","time":"t","report_path":"r","summary":"s"}\n');
  fs.writeFileSync(path.join(finished, 'report.json'), '{"status":"done"}');
  assert.equal(sealRunDir(finished, '/c.yaml', 'cancelled', 'x'), false);
  assert.equal(fs.readFileSync(path.join(finished, 'report.json'), 'utf8'), '{"status":"done"}');
});
