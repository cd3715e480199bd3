/**
 * CSV files are read in streaming passes: the dataset is exactly the one the whole-text reading gives (core's
 * readCsvTable, then the row encoding), on a file of several read chunks with quoted fields, CRLF, line breaks
 * inside quotes and multi-byte characters on chunk boundaries; its encoded rows read from the cache file and held
 * in memory are the same floats.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { readCsvTable } from '../core/data/csv-table-whole';
import { loadCsv } from '../../src/trainer/data/csv';
import { readAll } from '../../src/trainer/data/dataset';
import { type Cell, encodeTable } from '../../src/trainer/data/tabular';
import { tempDir } from './helpers';

function wholeTextDataset(file: string, label: string) {
  const read = readCsvTable(fs.readFileSync(file, 'utf8'), label);
  if (!read.ok) throw new Error(read.message);
  const { names, labelIndex, features, categorical, rows } = read.table;
  const records = rows.map(
    (row) =>
      Object.fromEntries(
        names.map((n, i) => [n, categorical.has(n) || i === labelIndex ? row.cells[i]!.trim() : Number(row.cells[i])]),
      ) as Record<string, Cell>,
  );
  return encodeTable('data.csv', records, { features, label, categorical });
}

void test('a 2.3 MB CSV read in streaming passes equals the whole-text reading, value for value', () => {
  const dir = tempDir('csv-stream');
  const file = path.join(dir, 'data.csv');
  const towns = ['Zürich', 'Malmö', 'Škofja Loka', '"Quoted, town"', 'Åre'];
  const lines = ['width,town,"note, with comma",height,species'];
  for (let r = 0; r < 80_000; r++) {
    const note = r % 7 === 0 ? '"two\r\nlines ""quoted"""' : `n${r % 11}`;
    lines.push(
      `${((r * 37) % 1000) / 10},${towns[r % towns.length]},${note}, ${(r * 13) % 97} ,${['a', 'b', 'c'][r % 3]}`,
    );
  }
  fs.writeFileSync(file, lines.join('\r\n') + '\r\n');
  assert.ok(fs.statSync(file).size > 2 * (1 << 20), 'more than two read chunks of 1 MiB');
  const cacheDir = path.join(dir, 'cache');
  const streamed = loadCsv(file, 'data.csv', 'species', { cacheDir, inMemory: false });
  const held = loadCsv(file, 'data.csv', 'species', { cacheDir, inMemory: true });
  const whole = wholeTextDataset(file, 'species');
  assert.deepEqual(streamed.classNames, whole.classNames);
  assert.deepEqual(streamed.inputShape, whole.inputShape);
  assert.deepEqual(streamed.y, whole.y);
  assert.deepEqual(readAll(streamed.x), readAll(whole.x));
  assert.deepEqual(readAll(held.x), readAll(whole.x));
  assert.deepEqual(held.y, whole.y);
  // width, 5 towns one-hot, 12 notes one-hot (11 + the quoted one), height.
  assert.deepEqual(streamed.inputShape, [1 + 5 + 12 + 1]);
});
