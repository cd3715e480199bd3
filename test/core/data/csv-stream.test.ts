/** The CSV parser fed in pieces (a file read a chunk at a time) gives the rows of the whole text, at every split. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type CsvRow, csvRowStream, parseCsv } from '../../../src/core/data/csv-text';

const TRICKY = '\ufeffkind,size,"note, quoted"\r\nx,1.5,"two\r\nlines"\r\n\r\ny,2.5,"say ""hi"""\rx,"",q"uote\n"",,\n';

function streamed(pieces: readonly string[]): CsvRow[] {
  const rows: CsvRow[] = [];
  const stream = csvRowStream((row) => rows.push(row));
  for (const piece of pieces) stream.push(piece);
  stream.end();
  return rows;
}

void test('every split into two pieces, and one character at a time, gives the rows and lines of the whole', () => {
  const whole = parseCsv(TRICKY);
  assert.equal(whole.length, 5, 'the corpus has its five records');
  for (let at = 0; at <= TRICKY.length; at++)
    assert.deepEqual(streamed([TRICKY.slice(0, at), TRICKY.slice(at)]), whole, `split at ${at}`);
  assert.deepEqual(streamed([...TRICKY]), whole);
  assert.deepEqual(streamed(['', TRICKY, '']), whole, 'empty pieces change nothing');
});
