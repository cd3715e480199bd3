/**
 * Examples stored as bytes (0-255), one fixed-size record per example: the decoded image cache. Read as floats
 * value / 255 (the pixels' [0, 1] range), either from the whole file held in memory or a batch at a time from disk
 * (positioned reads of just the rows asked for; the async form runs in libuv's thread pool, so a prefetched batch
 * is read while the main thread trains). Every record read is checked (`RecordIntegrity`): a file changed or cut
 * short after it was written fails the read instead of training on garbage.
 */
import * as fs from 'node:fs';
import type { Examples } from './dataset';

/** How records are checked as they are read, and the error for one that is not what was written. */
export interface RecordIntegrity {
  /** Throws when `record` (row `row`) is not what was written. */
  verify(row: number, record: Uint8Array): void;
  /** The error for a damaged file, `detail` saying how. */
  damaged(detail: string): Error;
}

function toFloats(bytes: Uint8Array, out: Float32Array = new Float32Array(bytes.length)): Float32Array {
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i]! / 255;
  return out;
}

/** Every record held in memory as bytes (a quarter of float32's size), checked once, converted per batch. */
export function inMemoryByteExamples(bytes: Uint8Array, width: number, integrity: RecordIntegrity): Examples {
  for (let row = 0; row < bytes.length / width; row++)
    integrity.verify(row, bytes.subarray(row * width, (row + 1) * width));
  const rows = (indices: readonly number[]): Float32Array => {
    const out = new Float32Array(indices.length * width);
    indices.forEach((row, i) => toFloats(bytes.subarray(row * width, (row + 1) * width), out.subarray(i * width)));
    return out;
  };
  return { count: bytes.length / width, width, rows, rowsAsync: (indices) => Promise.resolve(rows(indices)) };
}

/**
 * One descriptor per file for the life of the process (the cache file is read-only once written); a new one when
 * the path names another file since (a damaged cache removed and filled again).
 */
const openFiles = new Map<string, number>();

function descriptorOf(file: string): number {
  const fd = openFiles.get(file);
  if (fd !== undefined) {
    const [opened, current] = [fs.fstatSync(fd), fs.statSync(file)];
    if (opened.ino === current.ino && opened.dev === current.dev) return fd;
  }
  const fresh = fs.openSync(file, 'r');
  openFiles.set(file, fresh);
  return fresh;
}

const shortRead = (integrity: RecordIntegrity, row: number, got: number, width: number): Error =>
  integrity.damaged(`example ${row} is incomplete (${got} of ${width} bytes): the file was cut short or replaced`);

/** Records read from `file` a batch at a time, each checked by `integrity`. */
export function fileByteExamples(file: string, count: number, width: number, integrity: RecordIntegrity): Examples {
  const fd = descriptorOf(file);
  return {
    count,
    width,
    rows(indices) {
      const bytes = Buffer.allocUnsafe(indices.length * width);
      indices.forEach((row, i) => {
        const got = fs.readSync(fd, bytes, i * width, width, row * width);
        if (got !== width) throw shortRead(integrity, row, got, width);
        integrity.verify(row, bytes.subarray(i * width, (i + 1) * width));
      });
      return toFloats(bytes);
    },
    async rowsAsync(indices) {
      const bytes = Buffer.allocUnsafe(indices.length * width);
      await Promise.all(
        indices.map(
          (row, i) =>
            new Promise<void>((resolve, reject) =>
              fs.read(fd, bytes, i * width, width, row * width, (error, got) => {
                if (error) reject(error);
                else if (got !== width) reject(shortRead(integrity, row, got, width));
                else {
                  try {
                    integrity.verify(row, bytes.subarray(i * width, (i + 1) * width));
                    resolve();
                  } catch (damage) {
                    reject(damage as Error);
                  }
                }
              }),
            ),
        ),
      );
      return toFloats(bytes);
    },
  };
}
