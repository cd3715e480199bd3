/**
 * CRC-32 (the zlib / PNG checksum) of a record of the decoded image cache: zlib's native one where Node has it
 * (20.15 and later), the same sums computed in JS before that, so a cache filled on one machine checks on another.
 */
import * as zlib from 'node:zlib';

const TABLE = Int32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});

/** The table-driven CRC-32, for Node versions without zlib.crc32. */
export function crc32InJs(data: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < data.length; i++) c = TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

export const crc32: (data: Uint8Array) => number = native ? (data) => native(data) : crc32InJs;
