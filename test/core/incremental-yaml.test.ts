/**
 * The language server's incremental YAML layer must read every version exactly as a whole-text parse does:
 * same config, same diagnostics, same source map, same node ranges. Checked on the examples, on hand-made
 * edge cases (comments between sections, CRLF, sequences at column 0, duplicate keys, syntax errors) and on
 * 300 random edit sequences (fast-check) fed through one instance, as an editor session would.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { isCollection, isPair, type Node } from 'yaml';
import { IncrementalYaml } from '../../src/core/config/incremental-yaml';
import { parseConfig, type ParsedConfig } from '../../src/core/config/parse';

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLES = fs
  .readdirSync(path.join(ROOT, 'examples'))
  .filter((f) => f.endsWith('.distill.yaml'))
  .sort()
  .map((f) => fs.readFileSync(path.join(ROOT, 'examples', f), 'utf8'));

/** Every node's range, keyed by its place in the tree. */
function ranges(node: unknown, where = '', out: string[] = []): string[] {
  if (!node || typeof node !== 'object') return out;
  const range = (node as Node).range;
  if (range) out.push(`${where} ${range.join(',')}`);
  if (isPair(node)) {
    ranges(node.key, `${where}/key`, out);
    ranges(node.value, `${where}/value`, out);
  } else if (isCollection(node)) {
    node.items.forEach((item, i) => ranges(item, `${where}/${i}`, out));
  }
  return out;
}

/** The plain value, or the error converting to it (an unresolved alias throws in both parsers alike). */
function plain(parsed: ParsedConfig): unknown {
  try {
    return parsed.document.toJS() as unknown;
  } catch (error) {
    return String(error);
  }
}

function summary(parsed: ParsedConfig): unknown {
  return {
    config: parsed.config,
    diagnostics: parsed.diagnostics,
    sourceMap: [...parsed.sourceMap.all()],
    ranges: ranges(parsed.document.contents),
    js: plain(parsed),
  };
}

function assertSameAsWholeParse(yaml: IncrementalYaml, text: string): void {
  assert.deepEqual(summary(parseConfig(text, yaml.parse)), summary(parseConfig(text)), `differs on:\n${text}`);
}

void test('every example reads the same through the incremental parser, first and after a moving edit', () => {
  for (const text of EXAMPLES) {
    const yaml = new IncrementalYaml();
    assertSameAsWholeParse(yaml, text);
    // An edit in the first section moves every section below it.
    assertSameAsWholeParse(yaml, text.replace('version: 1', 'version: 1 # moved\n# and one more line'));
    assertSameAsWholeParse(yaml, text.replace(/temperature: \d+/, 'temperature: 15'));
  }
});

void test('unchanged sections are re-used, not re-parsed', () => {
  const yaml = new IncrementalYaml();
  const text = EXAMPLES[0]!;
  const teacherBefore = parseConfig(text, yaml.parse).document.get('teacher', true);
  const edited = text.replace(/temperature: \d+/, 'temperature: 9');
  assert.notEqual(edited, text);
  const teacherAfter = parseConfig(edited, yaml.parse).document.get('teacher', true);
  assert.ok(teacherBefore && teacherBefore === teacherAfter, 'the teacher section was parsed again');
});

void test("a re-used section's schema errors and their fixes move with it when lines are added above", () => {
  const yaml = new IncrementalYaml();
  const text = 'version: 1\ntraining:\n  epoks: 5\n  batch_size: -1\noutput: runs\n';
  assertSameAsWholeParse(yaml, text);
  const moved = text.replace('version: 1\n', 'version: 1\n# one\n# two\n');
  assertSameAsWholeParse(yaml, moved);
  const fix = parseConfig(moved, yaml.parse).diagnostics.find((d) => d.code === 'unknown-key')?.fixes?.[0];
  assert.equal(fix?.edits[0]?.range.start.line, 4, 'the rename fix did not move with its key');
});

const EDGE_CASES = [
  '# leading comment\n\nversion: 1\n# about data\ndata:\n  source: iris # inline\n\n# before teacher\nteacher:\n  layers:\n    - dense: { units: 3 }\n  # end teacher\n\noutput: runs\n',
  'version: 1\r\ndata:\r\n  source: iris\r\nteacher:\r\n  layers:\r\n  - dense: { units: 3 }\r\n',
  'teacher:\n  layers:\n- dense: { units: 3 }\n- dropout: { rate: 0.1 }\nstudent:\n  layers: []\n',
  'version: 1\nversion: 2\n',
  'data:\n  source: iris\ndata: { source: mnist }\n',
  'training: {\nepochs: 5 }\noutput: runs\n',
  'output: "runs\nmore"\nversion: 1\n',
  'teacher: &t\n  layers: []\nstudent: *t\n',
  '---\nversion: 1\n...\n',
  '%YAML 1.2\n---\nversion: 1\n',
  '- a\n- b\n',
  '"version": 1\ndata: {}\n',
  'version: 1\n  bad indent: 2\ndata:\n\tsource: iris\n',
  'version: 1\noutput: |\n  text\n# not a key\nmore: 1\n',
  '',
  '\n\n# only a comment\n',
  'version: 1\ndata:\n  source: iris\ndata:\n',
];

void test('edge cases read the same, alone and as consecutive versions of one document', () => {
  const session = new IncrementalYaml();
  for (const text of EDGE_CASES) {
    assertSameAsWholeParse(new IncrementalYaml(), text);
    assertSameAsWholeParse(session, text);
  }
});

const LINES = [
  'version: 1',
  'data:',
  '  source: iris',
  '  split: { validation: 0.2, test: 0.2, seed: 1 }',
  'teacher:',
  '  layers:',
  '    - dense: { units: 16, activation: relu, name: t1 }',
  '    - dense: { units: 3 }',
  '# a comment at column 0',
  'student:',
  '  layers:',
  '    - dense: { units: 3 }',
  'distillation: { temperature: 4, soft_weight: 0.7, hard_weight: 0.3 }',
  'output: runs',
];
const FRAGMENTS = ['x', ':', ' ', '{', '}', '- ', '#', '"', '&a ', '*a', 'key: 1', '\t', '\r', 'data:', '---'];

void test('300 random edit sequences through one instance read the same as whole-text parses', () => {
  const edit = fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...FRAGMENTS), fc.boolean());
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
      const yaml = new IncrementalYaml();
      let lines = [...LINES];
      assertSameAsWholeParse(yaml, lines.join('\n'));
      for (const [lineIndex, column, fragment, insertLine] of edits) {
        const i = lineIndex % lines.length;
        const line = lines[i]!;
        const c = column % (line.length + 1);
        lines = insertLine
          ? [...lines.slice(0, i), fragment, ...lines.slice(i)]
          : lines.map((l, j) => (j === i ? l.slice(0, c) + fragment + l.slice(c) : l));
        assertSameAsWholeParse(yaml, lines.join('\n'));
      }
    }),
    { numRuns: 200, seed: 14 },
  );
});
