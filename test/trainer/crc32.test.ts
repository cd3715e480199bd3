/** The image cache's checksum: the JS CRC-32 (Node before 20.15) gives the standard check value and zlib's sums. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as zlib from 'node:zlib';
import { crc32, crc32InJs } from '../../src/trainer/data/crc32';

void test('CRC-32 in JS: the standard check value, and the same sums as zlib on random records', () => {
  const check = Buffer.from('123456789', 'ascii');
  assert.equal(crc32InJs(check), 0xcbf43926, 'the CRC-32 check value');
  assert.equal(crc32(check), 0xcbf43926);
  assert.equal(crc32InJs(new Uint8Array(0)), 0);
  const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
  assert.ok(native, 'this Node has zlib.crc32 (20.15 or later) to compare with');
  let state = 7;
  for (const length of [1, 3, 192, 49_152]) {
    const record = Uint8Array.from({ length }, () => (state = (state * 1664525 + 1013904223) >>> 0) >>> 24);
    assert.equal(crc32InJs(record), native(record), `${length} bytes`);
  }
});
