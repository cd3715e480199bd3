/**
 * Examples stored as bytes (0-255), one fixed-size record per example: the decoded image cache. Read as floats
 * value / 255 (the pixels' [0, 1] range), either from the whole file held in memory or a batch at a time from disk
 * (positioned reads of just the rows asked for; the async form runs in libuv's thread pool, so a prefetched batch
 * is read while the main thread trains).
 */
import * as fs from 'node:fs';
import { TrainerError } from '../run/errors';
import type { Examples } from './dataset';

function toFloats(bytes: Uint8Array, out: Float32Array = new Float32Array(bytes.length)): Float32Array {
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i]! / 255;
  return out;
}

/** Every record held in memory as bytes (a quarter of float32's size), converted per batch. */
export function inMemoryByteExamples(bytes: Uint8Array, width: number): Examples {
  const rows = (indices: readonly number[]): Float32Array => {
    const out = new Float32Array(indices.length * width);
    indices.forEach((row, i) => toFloats(bytes.subarray(row * width, (row + 1) * width), out.subarray(i * width)));
    return out;
  };
  return { count: bytes.length / width, width, rows, rowsAsync: (indices) => Promise.resolve(rows(indices)) };
}

/** One descriptor per file for the life of the process (the cache file is read-only once written). */
const openFiles = new Map<string, number>();

function descriptorOf(file: string): number {
  let fd = openFiles.get(file);
  if (fd === undefined) {
    fd = fs.openSync(file, 'r');
    openFiles.set(file, fd);
  }
  return fd;
}

function shortRead(shown: string, row: number, got: number, width: number): TrainerError {
  return new TrainerError(
    `${shown}: example ${row} of the decoded image cache is incomplete (${got} of ${width} bytes): the cache file was truncated or replaced while training.`,
    'Delete the cache file named here and run again (with --resume to keep finished phases); it is rebuilt from the images.',
  );
}

/** Records read from `file` a batch at a time; `shown` names the file in errors. */
export function fileByteExamples(file: string, count: number, width: number, shown: string): Examples {
  const fd = descriptorOf(file);
  return {
    count,
    width,
    rows(indices) {
      const bytes = Buffer.allocUnsafe(indices.length * width);
      indices.forEach((row, i) => {
        const got = fs.readSync(fd, bytes, i * width, width, row * width);
        if (got !== width) throw shortRead(shown, row, got, width);
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
                else if (got !== width) reject(shortRead(shown, row, got, width));
                else resolve();
              }),
            ),
        ),
      );
      return toFloats(bytes);
    },
  };
}
