/**
 * Golden fixtures: every folder under fixtures/ holds `input.distill.yaml` (plus any model or data files
 * it refers to) and `expected.json`, the diagnostics the check must produce: code, severity, 0-based start
 * line and the message (a substring is enough). `UPDATE_GOLDEN=1` rewrites expected.json from the
 * current output; review the diff before committing it.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyzeConfig } from '../../src/core/analysis/analyze';
import { nodeFileSystem } from '../../src/node/file-system';
import { ERROR_CODES, RISK_CODES, type Diagnostic } from '../../src/core/diagnostics';

interface Expected {
  readonly code: string;
  readonly severity: string;
  readonly line: number;
  readonly message: string;
}

const FIXTURES = path.join(__dirname, 'fixtures');
const folders = fs
  .readdirSync(FIXTURES)
  .filter((f) => fs.existsSync(path.join(FIXTURES, f, 'input.distill.yaml')))
  .sort();
const update = process.env.UPDATE_GOLDEN === '1';

const toExpected = (d: Diagnostic): Expected => ({
  code: d.code,
  severity: d.severity,
  line: d.range.start.line,
  message: d.message,
});

const matches = (e: Expected, d: Diagnostic): boolean =>
  e.code === d.code && e.severity === d.severity && e.line === d.range.start.line && d.message.includes(e.message);

function check(folder: string): readonly Diagnostic[] {
  const file = path.join(FIXTURES, folder, 'input.distill.yaml');
  return analyzeConfig(fs.readFileSync(file, 'utf8'), file, nodeFileSystem).diagnostics;
}

void test('there are golden fixtures to run', () => {
  assert.ok(folders.length >= 10, `expected at least 10 fixture folders in ${FIXTURES}, found ${folders.length}`);
});

for (const folder of folders) {
  void test(`golden: ${folder}`, () => {
    const actual = check(folder);
    const expectedFile = path.join(FIXTURES, folder, 'expected.json');
    if (update) {
      // Keep hand-trimmed entries (message substrings) that still match; write new findings in full.
      const previous = fs.existsSync(expectedFile)
        ? (JSON.parse(fs.readFileSync(expectedFile, 'utf8')) as Expected[])
        : [];
      const next = actual.map((d) => previous.find((e) => matches(e, d)) ?? toExpected(d));
      fs.writeFileSync(expectedFile, `${JSON.stringify(next, null, 2)}\n`);
    }
    assert.ok(
      fs.existsSync(expectedFile),
      `${folder}/expected.json is missing: run with UPDATE_GOLDEN=1 to create it, then review it`,
    );
    const expected = JSON.parse(fs.readFileSync(expectedFile, 'utf8')) as Expected[];
    const unmatched = [...actual];
    for (const e of expected) {
      const index = unmatched.findIndex((d) => matches(e, d));
      assert.ok(
        index >= 0,
        `${folder}: expected ${e.code} (${e.severity}) on line ${e.line} with "${e.message}", got:\n${actual.map((d) => `  ${d.code} line ${d.range.start.line}: ${d.message}`).join('\n')}`,
      );
      unmatched.splice(index, 1);
    }
    assert.deepEqual(unmatched.map(toExpected), [], `${folder}: diagnostics not in expected.json`);
    const errors = expected.filter((e) => e.severity === 'error').length;
    const warnings = expected.length - errors;
    assert.ok(
      expected.length >= 2,
      `${folder}: a fixture should exercise several diagnostics (has ${expected.length}; errors ${errors}, warnings ${warnings})`,
    );
  });
}

void test('the golden fixtures cover every diagnostic code', () => {
  const covered = new Set<string>();
  for (const folder of folders) {
    const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, folder, 'expected.json'), 'utf8')) as Expected[];
    for (const e of expected) covered.add(e.code);
  }
  const missing = [...ERROR_CODES, ...RISK_CODES].filter((code) => !covered.has(code));
  assert.deepEqual(missing, [], `codes without a golden fixture: ${missing.join(', ')}`);
});
