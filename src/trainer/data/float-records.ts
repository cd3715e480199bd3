/**
 * Float32 records in a file of the run directory, written a batch at a time and read back by row: the teacher's
 * outputs over the training split (logits and hint values), computed once and then read per training batch
 * instead of held in memory for every example. Row i is at byte offset i * width * 4.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Examples } from './dataset';

export interface FloatRecordWriter {
  /** Appends whole records (a multiple of `width` values). */
  append(values: Float32Array): void;
  /** Closes the file and opens it for reading by row. */
  finish(): Examples;
}

/** Read descriptors by file: a file written again (a resumed or later phase) gets a fresh one. */
const readers = new Map<string, number>();

function reopen(file: string): number {
  const old = readers.get(file);
  if (old !== undefined) fs.closeSync(old);
  const fd = fs.openSync(file, 'r');
  readers.set(file, fd);
  return fd;
}

function fileFloatExamples(fd: number, count: number, width: number): Examples {
  const rowBytes = width * 4;
  const rows = (indices: readonly number[]): Float32Array => {
    const out = new Float32Array(indices.length * width);
    const bytes = new Uint8Array(out.buffer);
    indices.forEach((row, i) => {
      const got = fs.readSync(fd, bytes, i * rowBytes, rowBytes, row * rowBytes);
      if (got !== rowBytes) throw new Error(`teacher output record ${row} is incomplete (${got} of ${rowBytes} bytes)`);
    });
    return out;
  };
  return { count, width, rows, rowsAsync: (indices) => Promise.resolve(rows(indices)) };
}

export function floatRecordFile(file: string, width: number): FloatRecordWriter {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'w');
  let values = 0;
  return {
    append(batch) {
      fs.writeSync(fd, new Uint8Array(batch.buffer, batch.byteOffset, batch.byteLength));
      values += batch.length;
    },
    finish() {
      fs.closeSync(fd);
      return fileFloatExamples(reopen(file), values / width, width);
    },
  };
}
