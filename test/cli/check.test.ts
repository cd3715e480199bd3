/**
 * `distillery check` as users run it: the built CLI (`node dist/cli.js`) in a child process.
 * Needs `npm run build` first (npm test does it); the first test says so when dist/cli.js is missing.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const FIXTURES = path.join(ROOT, 'test', 'core', 'fixtures');

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(...args: string[]): Run {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run \`npm run build\` first`);
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonDiagnostic {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: string;
  code: string;
  message: string;
}

void test('the examples check clean: [] and exit 0', () => {
  const run = cli('check', 'examples', '--format', 'json');
  assert.equal(run.stderr, '');
  assert.deepEqual(JSON.parse(run.stdout), []);
  assert.equal(run.status, 0);
});

void test('a broken config exits 1 with LSP-shaped JSON diagnostics', () => {
  const run = cli('check', path.join(FIXTURES, 'schema-errors', 'input.distill.yaml'), '--format=json');
  assert.equal(run.status, 1);
  const results = JSON.parse(run.stdout) as JsonDiagnostic[];
  assert.ok(results.length >= 5, `expected several diagnostics, got ${results.length}`);
  for (const d of results) {
    assert.match(d.file, /schema-errors[\\/]input\.distill\.yaml$/);
    assert.ok(['error', 'warning', 'information', 'hint'].includes(d.severity));
    for (const end of [d.range.start, d.range.end]) {
      assert.ok(Number.isInteger(end.line) && end.line >= 0 && Number.isInteger(end.character) && end.character >= 0);
    }
    assert.equal(typeof d.code, 'string');
    assert.ok(d.message.length > 0);
  }
  const typo = results.find((d) => d.code === 'unknown-key');
  assert.deepEqual(
    typo?.range.start,
    { line: 15, character: 2 },
    'the misspelt `temprature` key is underlined on its own line',
  );
});

void test('text format names file, line and column (1-based) and sums up', () => {
  const run = cli('check', path.join(FIXTURES, 'ambiguous-alpha', 'input.distill.yaml'));
  assert.equal(run.status, 1);
  assert.match(run.stdout, /input\.distill\.yaml:15:3: error ambiguous-alpha: /);
  assert.match(run.stdout, /1 config checked: 1 error, 1 warning\./);
});

void test('warnings alone pass, but fail with --strict', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'distillery-cli-'));
  const file = path.join(dir, 'warn.distill.yaml');
  fs.writeFileSync(
    file,
    fs
      .readFileSync(path.join(ROOT, 'examples', 'penguins.distill.yaml'), 'utf8')
      .replace('temperature: 3', 'temperature: 40'),
  );
  try {
    const relaxed = cli('check', file, '--format', 'json');
    const results = JSON.parse(relaxed.stdout) as JsonDiagnostic[];
    assert.deepEqual(
      results.map((d) => [d.code, d.severity]),
      [['risk/temperature', 'warning']],
    );
    assert.equal(relaxed.status, 0);
    assert.equal(cli('check', file, '--strict').status, 1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

void test('usage errors exit 2 with a message on stderr', () => {
  for (const args of [
    ['check'],
    ['check', 'examples', '--format', 'xml'],
    ['check', '--bogus', 'examples'],
    ['check', 'no/such/path.distill.yaml'],
  ]) {
    const run = cli(...args);
    assert.equal(run.status, 2, `distillery ${args.join(' ')} should exit 2`);
    assert.match(run.stderr, /distillery check: /);
    assert.equal(run.stdout, '');
  }
});
