/**
 * The encoded rows of a CSV file on disk: one float32 record per row (its features after the one-hot encoding,
 * before standardisation), in the shared data cache next to the decoded-image cache (`.cache/` in the runs folder,
 * or DISTILLERY_CACHE_DIR). It lives there rather than in the run because what it holds depends only on the file's
 * content and the label column, not on the run: the trainer, its baseline worker (which loads the data again in
 * its own process), re-exports, every sweep trial and Slurm job on the same file read the one copy instead of each
 * writing its own. Named by a hash of the file's text and the label column, so an edited file gets a fresh
 * encoding; filled by one process while others wait (fill-lock.ts, as the image cache), written through
 * float-records.ts to a temporary file renamed into place, and read-only once written. A file of the wrong size is
 * encoded again, never read.
 */
import { createHash, type Hash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeLockOwner } from '../run/lock-file';
import type { Examples } from './dataset';
import { fillingFileOf, fillOnce } from './fill-lock';
import type { CacheProgress } from './image-cache';
import { type FloatRecordWriter, floatRecordFile, openFloatRecords } from './float-records';

/** Bumped whenever the encoding or the file format changes, so old cache files are never read as new ones. */
const FORMAT = 'distillery-csv-rows-1';

/** Hashes a CSV file's text as its passes read it, with the label column: the cache key. */
export function csvCacheKey(label: string): { readonly update: (text: string) => void; readonly key: () => string } {
  const hash: Hash = createHash('sha256').update(`${FORMAT}\nlabel=${label}\n`);
  return { update: (text) => void hash.update(text), key: () => hash.digest('hex').slice(0, 32) };
}

export interface CachedCsvRows {
  readonly file: string;
  readonly bytes: number;
  readonly examples: Examples;
  /** True when this call encoded the rows (a cold cache); false when an existing file was reused or another
   *  process filled it while this one waited. */
  readonly filled: boolean;
}

/**
 * The cache file of `count` rows of `width` floats under `key`: reused when a complete one exists, filled by another
 * process while this one waits (fill-lock.ts, as the image cache), or written now by `encode` (which appends every
 * row, in order, to the writer, calling `keepAlive` as it goes). `progress` hears which.
 */
export function cachedCsvRows(
  cacheDir: string,
  key: string,
  count: number,
  width: number,
  encode: (writer: FloatRecordWriter, keepAlive: () => void) => void,
  progress: CacheProgress = () => undefined,
): CachedCsvRows {
  fs.mkdirSync(cacheDir, { recursive: true });
  const file = path.join(cacheDir, `csv-${key}.f32`);
  const shown = `${file} (the encoded rows of the CSV file)`;
  const bytes = count * width * 4;
  // A file of the wrong length (a copy cut short outside Distillery) is replaced, never read.
  const isComplete = (): boolean => fs.existsSync(file) && fs.statSync(file).size === bytes;
  const outcome = fillOnce(
    file,
    isComplete,
    (keepAlive) => {
      progress(`Encoding ${count} rows into the shared cache ${file}.`);
      const temporary = fillingFileOf(file, { host: os.hostname(), pid: process.pid });
      const writer = floatRecordFile(file, width, { shown, temporary });
      try {
        encode(writer, keepAlive);
      } catch (error) {
        writer.abandon();
        throw error;
      }
      writer.finish();
    },
    (owner) => progress(`Waiting for the CSV cache being filled by ${describeLockOwner(owner)} (${file}).`),
  );
  return { file, bytes, examples: openFloatRecords(file, count, width, shown), filled: outcome.filled };
}
