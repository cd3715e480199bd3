/**
 * One CSV corpus read by `distillery check` (core's analysis, in chunks from the disk and whole from a file system
 * that only reads whole texts), by the trainer (`loadCsv`), and by the whole-text reading the streaming reader
 * replaced (csv-table-whole.ts): all must report the same problem with the same text and line, and read the same
 * table (classes, counts, feature width) from the files they accept. The corpus covers a byte-order mark, CRLF and lone-CR line ends, quoted
 * fields with commas, doubled quotes and line breaks, empty lines, ragged rows and missing values.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { analyzeConfig } from '../../../src/core/analysis/analyze';
import type { ConfigFileSystem } from '../../../src/core/analysis/file-system';
import { describeCsvProblem } from '../../../src/core/data/csv-table';
import { parseCsv } from '../../../src/core/data/csv-text';
import { nodeFileSystem } from '../../../src/node/file-system';
import { loadCsv } from '../../../src/trainer/data/csv';
import type { Dataset } from '../../../src/trainer/data/dataset';
import { readCsvTable } from './csv-table-whole';

interface CorpusFile {
  readonly name: string;
  readonly text: string;
  /** What both must say, `file:line: message` (undefined: both accept the file). */
  readonly error?: RegExp;
}

const BOM = '\uFEFF';
const CORPUS: readonly CorpusFile[] = [
  {
    name: 'bom-crlf-quoted',
    // The label is the first column, so a byte-order mark left in the header would hide it.
    text: `${BOM}kind,size,"note, quoted"\r\nx,1.5,"two\r\nlines"\r\n\r\ny,2.5,"say ""hi"""\r\nx,3.5,plain\r\ny,4,plain\r\n`,
  },
  { name: 'lone-cr-and-empty-lines', text: 'kind,a,b\r\rx,1,2\ry,3,4\r\rx,5,6\ry,7,8\r' },
  { name: 'no-final-newline', text: 'a,kind\n1,x\n2,y\n3,x' },
  { name: 'empty-category', text: 'a,site,kind\n1,north,x\n2,,y\n3,south,x\n4,north,y\n' },
  {
    name: 'ragged-after-quoted-newline',
    text: 'a,b,kind\n1,"multi\nline",x\n3,4\n5,6,y\n',
    error: /^data\.csv:4: expected 3 columns/,
  },
  { name: 'ragged-long', text: 'a,b,kind\n1,2,x\n3,4,y,extra\n', error: /^data\.csv:3: expected 3 columns .* found 4/ },
  {
    name: 'missing-label',
    text: 'a,b,kind\n1,2,x\n3,4,""\n5,6,y\n',
    error: /^data\.csv:3: the label \('kind'\) is missing/,
  },
  {
    name: 'missing-number',
    text: 'a,b,kind\n1,2,x\n3,,y\n5,6,x\n',
    error: /^data\.csv:3: missing value in numeric column 'b'/,
  },
  {
    name: 'not-a-number',
    text: 'a,b,kind\r\n1,2,x\r\n3,4,y\r\n5,oops,x\r\n',
    error: /^data\.csv:4: 'oops' in column 'b' is not a number/,
  },
  { name: 'no-label-column', text: `${BOM}a,b,species\n1,2,x\n3,4,y\n`, error: /^data\.csv:1: no column named 'kind'/ },
  { name: 'one-class', text: 'a,kind\n1,x\n2,x\n', error: /^data\.csv: the label column 'kind' has only one class/ },
  { name: 'empty', text: `${BOM}\r\n\r\n`, error: /^data\.csv:1: the CSV file is empty/ },
  { name: 'label-only', text: 'kind\nx\ny\n', error: /^data\.csv:1: the CSV has no feature columns/ },
];

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'distillery-csv-corpus-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

function write(entry: CorpusFile): { config: string; csv: string } {
  const dir = path.join(root, entry.name);
  fs.mkdirSync(dir);
  const csv = path.join(dir, 'data.csv');
  fs.writeFileSync(csv, entry.text);
  const config = path.join(dir, 'corpus.distill.yaml');
  fs.writeFileSync(config, 'version: 1\ndata:\n  source: { csv: data.csv, label: kind }\n');
  return { config, csv };
}

/** A file system that reads texts only whole (as an editor's open buffers are). */
const wholeTextFileSystem: ConfigFileSystem = { ...nodeFileSystem, readTextChunks: undefined };

/** What check says about the data file: its diagnostics that name it, and the dataset facts it read. */
function check(config: string, files: ConfigFileSystem = nodeFileSystem) {
  const analysis = analyzeConfig(fs.readFileSync(config, 'utf8'), config, files);
  const errors = analysis.diagnostics.filter((d) => d.message.startsWith('data.csv')).map((d) => d.message);
  return { errors, dataset: analysis.dataset };
}

function train(csv: string): { error?: string; dataset?: Dataset } {
  try {
    return {
      dataset: loadCsv(csv, 'data.csv', 'kind', { cacheDir: path.join(path.dirname(csv), 'cache'), inMemory: false }),
    };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

void describe('one CSV corpus, read by check and by train', () => {
  for (const entry of CORPUS) {
    void it(entry.name, () => {
      const files = write(entry);
      const checked = check(files.config);
      const trained = train(files.csv);
      assert.deepEqual(check(files.config, wholeTextFileSystem), checked, 'read whole, the text gives the same facts');
      const whole = readCsvTable(entry.text, 'kind');
      if (entry.error) {
        assert.equal(trained.error !== undefined, true, 'train accepted a file it must refuse');
        assert.match(trained.error!, entry.error);
        assert.deepEqual(checked.errors, [trained.error], 'check reports what train stops on, word for word');
        assert.ok(!whole.ok && describeCsvProblem('data.csv', whole) === trained.error, 'as the whole-text reading');
        return;
      }
      assert.ok(whole.ok, 'the whole-text reading accepts it too');
      assert.deepEqual([...new Set(whole.table.labels)].sort(), checked.dataset?.classNames);
      assert.deepEqual(checked.errors, [], 'check refused a file train accepts');
      assert.equal(trained.error, undefined);
      const data = trained.dataset!;
      const counts = data.classNames.map((_, c) => data.y.filter((y) => y === c).length);
      assert.deepEqual(
        {
          classNames: checked.dataset?.classNames,
          classCounts: checked.dataset?.classCounts,
          inputShape: checked.dataset?.inputShape,
          examples: checked.dataset?.examples,
        },
        { classNames: data.classNames, classCounts: counts, inputShape: data.inputShape, examples: data.y.length },
      );
    });
  }

  void it('reads the values themselves per RFC 4180 (BOM, CRLF, quoted newlines and quotes, lines kept)', () => {
    const rows = parseCsv(CORPUS[0]!.text);
    assert.deepEqual(
      rows.map((r) => [r.line, ...r.cells]),
      [
        [1, 'kind', 'size', 'note, quoted'],
        [2, 'x', '1.5', 'two\r\nlines'],
        [5, 'y', '2.5', 'say "hi"'],
        [6, 'x', '3.5', 'plain'],
        [7, 'y', '4', 'plain'],
      ],
    );
    assert.deepEqual(
      parseCsv('a,b\n"",x\n\nq"uote,"c"d\n').map((r) => r.cells),
      [
        ['a', 'b'],
        ['', 'x'],
        ['q"uote', 'cd'],
      ],
      'a quote inside an unquoted field is a character; text after a closing quote stays in the field',
    );
  });

  void it('counts the bom-crlf-quoted file as check and train both should: 2 classes, 4 rows, 1 + 3 features', () => {
    const { dataset } = check(write({ ...CORPUS[0]!, name: 'bom-again' }).config);
    assert.deepEqual(dataset?.classNames, ['x', 'y']);
    assert.deepEqual(dataset?.classCounts, [2, 2]);
    assert.deepEqual(dataset?.inputShape, [4], 'size (numeric) + three distinct notes');
  });
});
