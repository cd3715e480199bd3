/**
 * Child process of the data-stream bench: loads a CSV file one way and prints the growth of this process's peak
 * resident memory. `streamed`: the trainer's loader (streaming passes, encoded rows written to a cache folder
 * next to the file and left there); `held`: the same with `in_memory` (the encoded rows held whole, as the trainer
 * did before they went to disk); `whole`: the text read and parsed whole (core's readCsvTable, then the row
 * encoding), as it did before the streaming passes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readCsvTable } from '../test/core/data/csv-table-whole';
import { loadCsv } from '../src/trainer/data/csv';
import { type Cell, encodeTable } from '../src/trainer/data/tabular';
import { peakResidentBytes } from '../src/trainer/run/memory-budget';

const [mode, file] = process.argv.slice(2);
const before = process.memoryUsage().rss;
let rows: number;
if (mode === 'streamed' || mode === 'held') {
  const cacheDir = path.join(path.dirname(file!), 'cache');
  rows = loadCsv(file!, 'data.csv', 'label', { cacheDir, inMemory: mode === 'held' }).y.length;
} else {
  const read = readCsvTable(fs.readFileSync(file!, 'utf8'), 'label');
  if (!read.ok) throw new Error(read.message);
  const { names, labelIndex, features, categorical } = read.table;
  const records = read.table.rows.map(
    (row) =>
      Object.fromEntries(
        names.map((n, i) => [n, categorical.has(n) || i === labelIndex ? row.cells[i]!.trim() : Number(row.cells[i])]),
      ) as Record<string, Cell>,
  );
  rows = encodeTable('data.csv', records, { features, label: 'label', categorical }).y.length;
}
const growth = peakResidentBytes() - before;
process.stdout.write(`${JSON.stringify({ rows, growth })}\n`);
