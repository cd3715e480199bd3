/**
 * Mutated distill configs for the language-server fuzz: each document starts from a shipped example and gets one
 * to four edits a user (or a bad paste) could make: lines deleted, duplicated or swapped, indentation changed,
 * values of the wrong type, unicode, very long strings, flow style (whole or cut short), truncation.
 * Document `index` of seed `seed` is the same text on every machine: reproduce a failure with its seed and index.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isCollection, parseDocument, visit } from 'yaml';
import { createRandom, type Random } from '../../src/core/random/mulberry32';

export const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', 'examples');

export interface SeedConfig {
  readonly name: string;
  readonly text: string;
}

/** Every shipped example config: the starting points of the mutations. */
export function shippedExamples(dir = EXAMPLES_DIR): SeedConfig[] {
  const names = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.distill.yaml'))
    .sort();
  if (names.length === 0) throw new Error(`no *.distill.yaml in ${dir}: the fuzz needs the shipped examples`);
  return names.map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

export interface MutatedConfig {
  readonly text: string;
  /** What was done, for the failure message: `mnist.distill.yaml: delete line 4, flow style`. */
  readonly recipe: string;
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const below = (random: Random, n: number): number => Math.floor(random() * n);

const UNICODE = [
  'é',
  'ü',
  '\u{1F600}',
  '\u{1F9EA}',
  '\u200b',
  '\u200f',
  '\u202e',
  '\ufeff',
  'e\u0301',
  '漢字',
  'ﷺ',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\r',
  '\u2028',
  '\ud800',
  '\udfff',
];

/** Values of every type but the one a key wants, plus edge numbers YAML reads oddly. */
function wrongValue(random: Random): string {
  switch (below(random, 12)) {
    case 0:
      return pick(random, ['1e308', '-1e308', '1e-320', '-0', '99999999999999999999', '0x1F', '0o17', '1_000']);
    case 1:
      return pick(random, ['.inf', '-.inf', '.nan', 'NaN', 'Infinity']);
    case 2:
      return pick(random, ['true', 'false', 'yes', 'no', 'on', 'null', '~', '']);
    case 3:
      return pick(random, ['[]', '{}', '[1, 2, 3]', '{ a: 1 }', '[[[]]]', '{ units: }']);
    case 4:
      return `"${pick(random, UNICODE)}${'x'.repeat(below(random, 20))}"`;
    case 5:
      return String(Math.floor((random() - 0.5) * 2 ** 53));
    case 6:
      return String((random() - 0.5) * 10 ** below(random, 40));
    case 7:
      return pick(random, ['&anchor 1', '*anchor', '!!str 3', '!!binary AAAA', '!custom x', '? complex']);
    case 8:
      return pick(random, ['|\n  block\n  text', '>-\n  folded', '"unterminated', "'also", '"\\x41\\u263a"']);
    case 9:
      return pick(random, ['../../../etc/passwd', '/dev/zero', 'C:\\Windows', '~/model.json', 'https://x.y/m.json']);
    case 10:
      return pick(random, ['2026-11-30', '12:30:00', '1:2:3', '- - -', ': :']);
    default:
      return `${pick(random, ['mnist', 'relu', 'adam', 'int8', 'dense'])}${pick(random, UNICODE)}`;
  }
}

type Mutation = (lines: string[], random: Random) => { lines: string[]; what: string };

const line = (lines: readonly string[], random: Random): number => (lines.length ? below(random, lines.length) : 0);

const MUTATIONS: readonly Mutation[] = [
  (lines, random) => {
    const k = line(lines, random);
    return { lines: lines.filter((_, j) => j !== k), what: `delete line ${k + 1}` };
  },
  (lines, random) => {
    const k = line(lines, random);
    const copies = 1 + below(random, 3);
    return {
      lines: [...lines.slice(0, k + 1), ...Array<string>(copies).fill(lines[k] ?? ''), ...lines.slice(k + 1)],
      what: `duplicate line ${k + 1} x${copies}`,
    };
  },
  (lines, random) => {
    const a = line(lines, random);
    const b = line(lines, random);
    const out = [...lines];
    [out[a], out[b]] = [out[b] ?? '', out[a] ?? ''];
    return { lines: out, what: `swap lines ${a + 1} and ${b + 1}` };
  },
  (lines, random) => {
    const k = line(lines, random);
    const current = lines[k] ?? '';
    const indent = pick(random, ['', ' ', '   ', '\t', '  \t', '        ', ' '.repeat(below(random, 200))]);
    return {
      lines: lines.map((l, j) => (j === k ? indent + current.trimStart() : l)),
      what: `reindent line ${k + 1} with ${JSON.stringify(indent.slice(0, 10))}`,
    };
  },
  (lines, random) => {
    const withValue = lines.flatMap((l, j) => (/^\s*-?\s*[\w.]+:\s*\S/.test(l) ? [j] : []));
    const k = withValue.length ? pick(random, withValue) : line(lines, random);
    const current = lines[k] ?? '';
    const colon = current.indexOf(':');
    const value = wrongValue(random);
    const next = colon >= 0 ? `${current.slice(0, colon + 1)} ${value}` : `${current} ${value}`;
    return {
      lines: lines.map((l, j) => (j === k ? next : l)),
      what: `value of line ${k + 1} -> ${value.slice(0, 20)}`,
    };
  },
  (lines, random) => {
    const k = line(lines, random);
    const current = lines[k] ?? '';
    const at = below(random, current.length + 1);
    const inserted = Array.from({ length: 1 + below(random, 4) }, () => pick(random, UNICODE)).join('');
    return {
      lines: lines.map((l, j) => (j === k ? current.slice(0, at) + inserted + current.slice(at) : l)),
      what: `unicode in line ${k + 1}`,
    };
  },
  (lines, random) => {
    const k = line(lines, random);
    const length = pick(random, [1_000, 10_000, 50_000]);
    const long = pick(random, ['x', 'é', '\u{1F600}', 'ab ', '[', '{a: ']).repeat(length / 2);
    const current = lines[k] ?? '';
    const colon = current.indexOf(':');
    const next = colon >= 0 ? `${current.slice(0, colon + 1)} ${long}` : `${long}: 1`;
    return { lines: lines.map((l, j) => (j === k ? next : l)), what: `long string (${long.length}) on line ${k + 1}` };
  },
  (lines, random) => {
    const cut = below(random, lines.join('\n').length + 1);
    return { lines: lines.join('\n').slice(0, cut).split('\n'), what: `truncated at ${cut}` };
  },
  (lines, random) => {
    const k = line(lines, random);
    const depth = 1 + below(random, 40);
    const nested = Array.from({ length: depth }, (_, d) => `${'  '.repeat(d + 1)}k${d}:`);
    return { lines: [...lines.slice(0, k + 1), ...nested, ...lines.slice(k + 1)], what: `${depth} nested keys` };
  },
  (lines, random) => toFlow(lines, random, false),
  (lines, random) => toFlow(lines, random, true),
];

/** Rewrites some collections of the document in flow style (`{ a: 1 }`), optionally cut off before it closes. */
function toFlow(lines: string[], random: Random, cutShort: boolean): { lines: string[]; what: string } {
  const document = parseDocument(lines.join('\n'));
  let flowed = 0;
  visit(document, {
    Map: (_, node) => {
      if (isCollection(node) && random() < 0.4) {
        node.flow = true;
        flowed++;
      }
    },
    Seq: (_, node) => {
      if (random() < 0.4) {
        node.flow = true;
        flowed++;
      }
    },
  });
  let text: string;
  try {
    text = document.toString({ lineWidth: 0 });
  } catch {
    // Some mutated documents cannot be written back (errors in them); keep the text as it was.
    return { lines, what: 'flow style (not writable)' };
  }
  if (cutShort) {
    const braces = [...text.matchAll(/[}\]]/g)].map((m) => m.index);
    const at = braces.length ? pick(random, braces) : text.length;
    text = text.slice(0, at);
  }
  return { lines: text.split('\n'), what: `flow style (${flowed} collections${cutShort ? ', cut short' : ''})` };
}

/** Document `index` of the fuzz with `seed`: an example with 1-4 mutations. */
export function mutatedConfig(examples: readonly SeedConfig[], seed: number, index: number): MutatedConfig {
  const random = createRandom(seed * 1_000_003 + index);
  const example = pick(random, examples);
  let lines = example.text.split('\n');
  const steps: string[] = [];
  const count = 1 + below(random, 4);
  for (let i = 0; i < count; i++) {
    const result = pick(random, MUTATIONS)(lines, random);
    lines = result.lines;
    steps.push(result.what);
  }
  return { text: lines.join('\n'), recipe: `${example.name}: ${steps.join(', ')}` };
}

/** A position anywhere in the document or a little past its end (clients send those too). */
export function randomPosition(text: string, random: Random): { line: number; character: number } {
  const lines = text.split('\n');
  const lineIndex = below(random, lines.length + 2);
  const length = lines[lineIndex]?.length ?? 0;
  return { line: lineIndex, character: below(random, length + 5) };
}
