/**
 * Property-based robustness: 2,400 mutated configs per run (fast-check). Whatever the text, parse and
 * analysis never throw, every diagnostic range lies inside the document, and every code is a known one.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyzeConfig } from '../../src/core/analysis/analyze';
import { nodeFileSystem } from '../../src/node/file-system';
import { ERROR_CODES, RISK_CODES, type Range } from '../../src/core/diagnostics';

const ROOT = path.resolve(__dirname, '../..');
const SEEDS = [
  ...fs
    .readdirSync(path.join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.distill.yaml'))
    .map((f) => path.join(ROOT, 'examples', f)),
  ...['layers', 'ambiguous-alpha', 'from-teacher', 'csv-data', 'sweep-risks'].map((f) =>
    path.join(__dirname, 'fixtures', f, 'input.distill.yaml'),
  ),
].map((file) => ({ file, lines: fs.readFileSync(file, 'utf8').split('\n') }));

const KNOWN = new Set<string>([...ERROR_CODES, ...RISK_CODES]);

type Mutation = (lines: string[]) => string[];

const index = fc.nat();
const weird = fc.constantFrom(
  '\t',
  '{',
  '}',
  '[',
  ']',
  ':',
  '- ',
  '"',
  "'",
  '&a',
  '*a',
  '!!str ',
  '#',
  '?',
  '|',
  '>',
  '%',
  '@',
  '`',
  '\u00e9',
  '\u{1F600}',
  '\u200b',
  '\r',
  '\\',
  '~',
  'null',
  '0x1F',
  '.inf',
  '-.nan',
);
const value = fc.oneof(
  fc.constantFrom(
    '1e308',
    '-1e308',
    '99999999999999999999',
    '0',
    '-0',
    '.5',
    'NaN',
    'true',
    'null',
    '~',
    '[]',
    '{}',
    '""',
    'yes',
    '0o17',
    '1_000',
    '2026-11-27',
  ),
  fc.double().map(String),
  fc.integer().map(String),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);

const at = (lines: string[], i: number): number => (lines.length ? i % lines.length : 0);

const mutations: fc.Arbitrary<Mutation>[] = [
  index.map((i) => (l: string[]) => l.filter((_, j) => j !== at(l, i))),
  index.map((i) => (l: string[]) => {
    const k = at(l, i);
    return [...l.slice(0, k + 1), l[k] ?? '', ...l.slice(k + 1)];
  }),
  fc.tuple(index, index).map(([i, j]) => (l: string[]) => {
    const c = [...l];
    const a = at(c, i);
    const b = at(c, j);
    [c[a], c[b]] = [c[b] ?? '', c[a] ?? ''];
    return c;
  }),
  fc.tuple(index, index, weird).map(
    ([i, p, w]) =>
      (l: string[]) =>
        l.map((line, j) =>
          j === at(l, i) ? line.slice(0, p % (line.length + 1)) + w + line.slice(p % (line.length + 1)) : line,
        ),
  ),
  fc.tuple(index, value).map(
    ([i, v]) =>
      (l: string[]) =>
        l.map((line, j) =>
          j === at(l, i) && line.includes(':') ? `${line.slice(0, line.indexOf(':') + 1)} ${v}` : line,
        ),
  ),
  fc.tuple(index, fc.integer({ min: 1, max: 60 })).map(([i, depth]) => (l: string[]) => {
    const k = at(l, i);
    const nested = Array.from({ length: depth }, (_, d) => `${'  '.repeat(d + 1)}k${d}:`).join('\n');
    return [...l.slice(0, k), `${l[k] ?? 'x'}`, nested, ...l.slice(k + 1)];
  }),
  fc.tuple(index, fc.integer({ min: 1, max: 200 })).map(
    ([i, depth]) =>
      (l: string[]) =>
        l.map((line, j) =>
          j === at(l, i) ? `${line} ${'['.repeat(depth)}${']'.repeat(depth % 3 === 0 ? depth : 0)}` : line,
        ),
  ),
  index.map(
    (i) => (l: string[]) =>
      l.map((line, j) => (j === at(l, i) ? line.replace(/^( *)/, (s) => '\t'.repeat(s.length / 2)) : line)),
  ),
  fc.tuple(index, fc.integer({ min: -4, max: 4 })).map(
    ([i, shift]) =>
      (l: string[]) =>
        l.map((line, j) => (j === at(l, i) ? (shift >= 0 ? ' '.repeat(shift) + line : line.slice(-shift)) : line)),
  ),
  fc
    .tuple(
      index,
      fc.constantFrom(
        'alpha: 0.4',
        'temperature: 0',
        'sparsity: 0.99',
        'dtype: int4',
        'baseline: false',
        'unlabeled: 0.9',
        'features: [{teacher: x, student: y}]',
        'model: nope.json',
        'source: { csv: x.csv, label: y }',
        'source: { images: . }',
        'from_teacher: { width: 0.001 }',
        'limit: 10',
      ),
    )
    .map(([i, extra]) => (l: string[]) => {
      const k = at(l, i);
      const indent = /^ */.exec(l[k] ?? '')?.[0] ?? '';
      return [...l.slice(0, k + 1), indent + extra, ...l.slice(k + 1)];
    }),
];

const mutated = fc
  .tuple(fc.constantFrom(...SEEDS), fc.array(fc.oneof(...mutations), { minLength: 1, maxLength: 5 }))
  .map(([seed, steps]) => ({
    file: seed.file,
    text: steps.reduce((lines, step) => step(lines), seed.lines).join('\n'),
  }));

function inside(range: Range, lines: readonly string[]): boolean {
  const ok = (p: Range['start']): boolean =>
    p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= (lines[p.line] ?? '').length;
  const ordered =
    range.start.line < range.end.line ||
    (range.start.line === range.end.line && range.start.character <= range.end.character);
  return ok(range.start) && ok(range.end) && ordered;
}

void test('2,400 mutated configs: no throw, ranges inside the document, known codes only', () => {
  let runs = 0;
  fc.assert(
    fc.property(mutated, ({ file, text }) => {
      runs++;
      const analysis = analyzeConfig(text, file, nodeFileSystem);
      // Lines as the parser's source map counts them: only \n ends a line (a lone \r stays a character).
      const lines = text.split('\n');
      for (const d of analysis.diagnostics) {
        assert.ok(KNOWN.has(d.code), `unknown code ${d.code}`);
        assert.ok(inside(d.range, lines), `${d.code} range ${JSON.stringify(d.range)} outside the document`);
        for (const f of d.fixes ?? [])
          for (const e of f.edits) assert.ok(inside(e.range, lines), `fix "${f.title}" edits outside the document`);
      }
    }),
    { numRuns: 2400, includeErrorInReport: true },
  );
  assert.equal(runs >= 2400, true);
});
