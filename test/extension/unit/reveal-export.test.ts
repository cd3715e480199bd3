/** Which file the panel's Reveal button may show: only files a run's report lists as its exports. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { exportFileOf } from '../../../src/extension/panel/run-directories';
import { report } from '../../webview/fixtures/panel-fixtures';

function runWithExports(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'distillery-reveal-'));
  fs.writeFileSync(path.join(dir, 'report.json'), JSON.stringify(report('run-a')));
  fs.mkdirSync(path.join(dir, 'export', 'tfjs'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'export', 'model.onnx'), 'onnx');
  fs.writeFileSync(path.join(dir, 'config.distill.yaml'), 'version: 1');
  return dir;
}

void test('an export listed in the report is revealed at its place in the run', () => {
  const dir = runWithExports();
  assert.deepEqual(exportFileOf(dir, 'export/model.onnx'), { file: path.join(dir, 'export', 'model.onnx') });
});

void test('paths the report does not list as exports, or that escape the run, are refused', () => {
  const dir = runWithExports();
  for (const relative of [
    'config.distill.yaml',
    '../elsewhere/model.onnx',
    '/etc/passwd',
    'export/tfjs/../../report.json',
  ])
    assert.match((exportFileOf(dir, relative) as { error: string }).error, /is not an export of the run/, relative);
});

void test('a listed export deleted since: the reason says how to write it again', () => {
  const dir = runWithExports();
  assert.match(
    (exportFileOf(dir, 'export/tfjs/model.json') as { error: string }).error,
    /does not exist any more: run `distillery export /,
  );
});
