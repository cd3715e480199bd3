/**
 * The extension in a real VS Code: code-server 4.100.3 (VS Code 1.100.3, from the npm registry, installed into
 * .vscode-test/ on first use by scripts/e2e/install-code-server.sh) driven by headless Debian Chromium. The
 * mocha suites in e2e-suite/ run inside its extension host with the full `vscode` API; screenshots land in
 * test-artifacts/extension/. Where VS Code itself can be downloaded, scripts/e2e/run-test-electron.ts runs
 * the same suites in desktop VS Code instead.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ARTIFACTS, runVsCodeSuites, type VsCodeRunResult } from '../../scripts/e2e/run-vscode-tests';

function report(mode: string, result: VsCodeRunResult): string {
  const failures =
    result.results?.failures
      .map((f) => `  ✗ ${f.title}\n    ${f.error.split('\n').slice(0, 6).join('\n    ')}`)
      .join('\n') ?? '';
  return `--- VS Code (${mode}) exit ${result.exitCode}\n${result.log}\n${failures}`;
}

void test('extension suites pass in a real VS Code (trusted workspace)', { timeout: 15 * 60_000 }, async () => {
  const result = await runVsCodeSuites('trusted');
  process.stdout.write(`${report('trusted', result)}\n`);
  assert.ok(
    result.results,
    'the suites never wrote their results: the extension host did not run them (see the log above)',
  );
  assert.deepEqual(
    result.results.failures.map((f) => f.title),
    [],
  );
  assert.ok(
    result.results.passes.length >= 10,
    `expected every suite to run, only ${result.results.passes.length} passed`,
  );
  assert.equal(result.exitCode, 0);
  for (const shot of ['config-with-squiggles', 'panel-open', 'run-finished']) {
    assert.ok(fs.existsSync(path.join(ARTIFACTS, `${shot}.png`)), `screenshot ${shot}.png missing`);
  }
});

void test(
  'Restricted Mode: language features work, training is refused (a second VS Code with Workspace Trust on)',
  { timeout: 10 * 60_000 },
  async () => {
    const result = await runVsCodeSuites('restricted');
    process.stdout.write(`${report('restricted', result)}\n`);
    assert.ok(
      result.results,
      'the suites never wrote their results: the extension host did not run them (see the log above)',
    );
    assert.deepEqual(
      result.results.failures.map((f) => f.title),
      [],
    );
    assert.equal(result.results.passes.length, 4);
    assert.equal(result.exitCode, 0);
  },
);
