/**
 * Float32 records in a file, written a batch at a time and read back by row (row i at byte offset i * width * 4):
 * the teacher's outputs over a split (logits and hint values, TF.js or ONNX), computed once and then read per
 * training batch, and the encoded rows of a CSV file (csv-cache.ts). A writer fills a private temporary file and
 * renames it into place when it finishes, so a run killed mid-write never leaves a short file under the real name;
 * a file that is short anyway (cut or replaced outside Distillery) is a clear error naming it, on open and on read.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TrainerError } from '../run/errors';
import type { Examples } from './dataset';

export interface FloatRecordWriter {
  /** Appends whole records (a multiple of `width` values). */
  append(values: Float32Array): void;
  /** Renames the finished file into place and opens it for reading by row. */
  finish(): Examples;
  /** Removes the unfinished file (after a failure). */
  abandon(): void;
}

/**
 * Read descriptors by file version (path, inode, size, modification time): a file written again (a resumed or
 * later phase) gets a fresh descriptor, while readers of the earlier version keep theirs.
 */
const descriptors = new Map<string, number>();

function descriptorOf(file: string): number {
  const stat = fs.statSync(file);
  const key = `${file}\0${stat.ino}\0${stat.size}\0${stat.mtimeMs}`;
  let fd = descriptors.get(key);
  if (fd === undefined) {
    fd = fs.openSync(file, 'r');
    descriptors.set(key, fd);
  }
  return fd;
}

const REWRITE_HINT =
  'Delete the file named here and run again (with --resume to keep finished phases): it is written again.';

function shortRecord(shown: string, row: number, got: number, rowBytes: number): TrainerError {
  return new TrainerError(
    `${shown}: record ${row} is incomplete (${got} of ${rowBytes} bytes): the file was cut short or replaced while it was read.`,
    REWRITE_HINT,
  );
}

/** Rows of `fd` read by positioned reads; the async form runs in libuv's thread pool (a prefetched batch). */
function fileFloatExamples(fd: number, count: number, width: number, shown: string): Examples {
  const rowBytes = width * 4;
  return {
    count,
    width,
    rows(indices) {
      const out = new Float32Array(indices.length * width);
      const bytes = new Uint8Array(out.buffer);
      indices.forEach((row, i) => {
        const got = fs.readSync(fd, bytes, i * rowBytes, rowBytes, row * rowBytes);
        if (got !== rowBytes) throw shortRecord(shown, row, got, rowBytes);
      });
      return out;
    },
    async rowsAsync(indices) {
      const out = new Float32Array(indices.length * width);
      const bytes = new Uint8Array(out.buffer);
      await Promise.all(
        indices.map(
          (row, i) =>
            new Promise<void>((resolve, reject) =>
              fs.read(fd, bytes, i * rowBytes, rowBytes, row * rowBytes, (error, got) => {
                if (error) reject(error);
                else if (got !== rowBytes) reject(shortRecord(shown, row, got, rowBytes));
                else resolve();
              }),
            ),
        ),
      );
      return out;
    },
  };
}

export interface FloatRecordFileOptions {
  /** How errors name the file (default: its path). */
  readonly shown?: string;
  /** The temporary file written until `finish` (default: a private name next to `file`). */
  readonly temporary?: string;
}

/** Writes records of `width` floats to `file`. */
export function floatRecordFile(file: string, width: number, options: FloatRecordFileOptions = {}): FloatRecordWriter {
  const shown = options.shown ?? file;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = options.temporary ?? `${file}.${process.pid}-${randomBytes(4).toString('hex')}.partial`;
  const fd = fs.openSync(temporary, 'w');
  let values = 0;
  let open = true;
  const close = (): void => {
    if (open) fs.closeSync(fd);
    open = false;
  };
  return {
    append(batch) {
      fs.writeSync(fd, new Uint8Array(batch.buffer, batch.byteOffset, batch.byteLength));
      values += batch.length;
    },
    finish() {
      close();
      fs.renameSync(temporary, file);
      return fileFloatExamples(descriptorOf(file), values / width, width, shown);
    },
    abandon() {
      close();
      fs.rmSync(temporary, { force: true });
    },
  };
}

/**
 * The records of an existing `file` holding `count` rows: of `width` floats, or (width undefined) of whatever width
 * its size gives. A file of another size is an error naming `shown`, never read as if it were whole.
 */
export function openFloatRecords(file: string, count: number, width: number | undefined, shown: string): Examples {
  const bytes = fs.statSync(file).size;
  const found = count > 0 ? bytes / (count * 4) : 0;
  const fits = width === undefined ? Number.isInteger(found) && found > 0 : bytes === count * width * 4;
  if (!fits)
    throw new TrainerError(
      `${shown}: ${bytes} bytes, which is not ${count} records of ${width === undefined ? 'equal width' : `${width} floats (${count * width * 4} bytes)`}: the file was cut short or replaced.`,
      REWRITE_HINT,
    );
  return fileFloatExamples(descriptorOf(file), count, width ?? found, shown);
}
