import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineSplitter } from '../../../src/extension/training/line-splitter';

function collect(chunks: readonly (string | Buffer)[]): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((line) => lines.push(line));
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return lines;
}

void test('joins a line delivered in pieces and splits several lines in one chunk', () => {
  assert.deepEqual(collect(['{"a":', '1}\n{"b":2}\n{"c"', ':3}\n']), ['{"a":1}', '{"b":2}', '{"c":3}']);
});

void test('keeps a UTF-8 character cut between two chunks intact', () => {
  const bytes = Buffer.from('accuracy 97.1% → done\n', 'utf8');
  const cut = bytes.indexOf(0x86); // inside the three bytes of the arrow
  assert.deepEqual(collect([bytes.subarray(0, cut), bytes.subarray(cut)]), ['accuracy 97.1% → done']);
});

void test('drops the CR of CRLF endings and emits a last line that has no newline', () => {
  assert.deepEqual(collect(['one\r\ntwo\r\nthree']), ['one', 'two', 'three']);
});

void test('emits nothing for an empty stream', () => {
  assert.deepEqual(collect([]), []);
});
