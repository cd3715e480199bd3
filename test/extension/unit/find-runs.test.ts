import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { findRuns } from '../../../src/extension/runs/find-runs';
import { failedReport, validReport } from '../../core/runs/report-corpus';

function write(file: string, text: string, mtime: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  fs.utimesSync(file, mtime, mtime);
}

void test('finds runs and sweep trials, newest first, with their status and result', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'distillery-runs-'));
  // Reports are sorted by their start time (core/runs), so each starts when its file was written.
  const at = (seconds: number): string => new Date(seconds * 1000).toISOString();
  const report = validReport('/c.distill.yaml', { started: at(1000) });
  write(
    path.join(root, 'old', 'report.json'),
    JSON.stringify({
      ...report,
      student: { ...report.student!, metrics: { ...report.student!.metrics, accuracy: 0.971 } },
    }),
    1000,
  );
  write(
    path.join(root, 'sweep', 'trial-1', 'report.json'),
    JSON.stringify({ ...failedReport('/c.distill.yaml'), error: 'out of memory', started: at(3000) }),
    3000,
  );
  write(path.join(root, 'live', 'events.jsonl'), '{}\n', 2000);
  write(path.join(root, 'broken', 'report.json'), '{ not json', 500);
  fs.mkdirSync(path.join(root, 'empty'));
  const runs = findRuns([root, root]);
  assert.deepEqual(
    runs.map((r) => path.relative(root, r.dir)),
    [path.join('sweep', 'trial-1'), 'live', 'old', 'broken'],
  );
  assert.deepEqual(
    runs.map((r) => r.status),
    ['failed', 'running', 'done', 'unreadable'],
  );
  assert.equal(runs[0]?.detail, 'out of memory');
  assert.equal(runs[2]?.detail, 'student 97.1%');
  assert.match(runs[3]?.detail ?? '', /report\.json is not valid JSON/);
  assert.equal(runs[1]?.detail, 'no report yet');
});

void test('a runs folder that does not exist yields no runs rather than an error', () => {
  assert.deepEqual(findRuns([path.join(os.tmpdir(), 'distillery-no-such-folder')]), []);
});
