/**
 * The decoded image cache: an image folder decoded and resized once into one file of byte records (example i at
 * offset i * size * size * channels) followed by a checksum of each record (CRC-32), named by a hash of what it was decoded
 * from (each file's path in the folder, size and modification time, and the resize settings), so a changed, added
 * or removed image gives a new key and a fresh decode. Shared by every run, trial and cluster job that reads the
 * same folder with the same settings: one process fills it while the others wait (fill-lock.ts), writing a
 * temporary file renamed into place, so a reader never sees half of one; read-only once written. The checksums catch
 * a file changed after it was written (disk trouble, another program): the read fails naming the file and folder
 * and removes the damaged file, so the next run fills it again.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeLockOwner, type LockOwner } from '../run/lock-file';
import { TrainerError } from '../run/errors';
import type { RecordIntegrity } from './byte-examples';
import { fillingFileOf, fillOnce } from './fill-lock';
import { crc32 } from './crc32';
import { readImageInto } from './image-decode';

/** Bumped whenever the decode or the file format changes, so old cache files are never read as new ones. */
const FORMAT = 'distillery-image-cache-3';

/** Bytes of each record's checksum (CRC-32, little-endian), stored after the records. */
const CHECKSUM_BYTES = 4;

export interface CacheSettings {
  readonly size: number;
  readonly grayscale: boolean;
}

export interface CachedImages {
  /** The cache file (byte records, one per image in `files` order, then their checksums). */
  readonly file: string;
  readonly count: number;
  /** Bytes per example. */
  readonly width: number;
  /** Size of the file. */
  readonly bytes: number;
  /** True when this call decoded the images (a cold cache); false when an existing file was reused. */
  readonly filled: boolean;
  /** The process that filled it while this one waited, when it waited. */
  readonly waitedFor?: LockOwner;
}

/** What the cache reports while it is being made, for the run's progress. */
export type CacheProgress = (message: string) => void;

/** Bytes per example of images decoded with `settings`. */
export const imageRecordWidth = (settings: CacheSettings): number =>
  settings.size * settings.size * (settings.grayscale ? 1 : 3);

/** Size of the cache file of `count` images decoded with `settings` (records and their checksums). */
export const imageCacheBytes = (count: number, settings: CacheSettings): number =>
  count * (imageRecordWidth(settings) + CHECKSUM_BYTES);

/** The cache key of `files` (absolute paths under `folder`, in example order) decoded with `settings`. */
export function imageCacheKey(folder: string, files: readonly string[], settings: CacheSettings): string {
  const hash = createHash('sha256');
  hash.update(`${FORMAT}\nsize=${settings.size}\ngrayscale=${settings.grayscale}\n`);
  for (const file of files) {
    const stat = fs.statSync(file);
    hash.update(`${path.relative(folder, file)}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 32);
}

/**
 * Decodes every image into this process's temporary file, then renames it to `target`; nothing is left on failure.
 * `started` is told once the temporary file exists.
 */
function fill(
  files: readonly string[],
  settings: CacheSettings,
  target: string,
  keepAlive: () => void,
  started: () => void,
): void {
  const width = imageRecordWidth(settings);
  const temporary = fillingFileOf(target, { host: os.hostname(), pid: process.pid });
  const fd = fs.openSync(temporary, 'w');
  try {
    started();
    const record = new Uint8Array(width);
    const checksums = Buffer.alloc(files.length * CHECKSUM_BYTES);
    files.forEach((file, i) => {
      readImageInto(file, settings.size, settings.grayscale, record, 0);
      fs.writeSync(fd, record, 0, width, i * width);
      checksums.writeUInt32LE(crc32(record), i * CHECKSUM_BYTES);
      keepAlive();
    });
    fs.writeSync(fd, checksums, 0, checksums.length, files.length * width);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * The cache file of `files`: reused when a complete one exists, filled by another process while this one waits,
 * or decoded now. `progress` hears which.
 */
export function cachedImages(
  cacheDir: string,
  folder: string,
  files: readonly string[],
  settings: CacheSettings,
  progress: CacheProgress = () => undefined,
): CachedImages {
  const width = imageRecordWidth(settings);
  const bytes = imageCacheBytes(files.length, settings);
  fs.mkdirSync(cacheDir, { recursive: true });
  const file = path.join(cacheDir, `images-${imageCacheKey(folder, files, settings)}.u8`);
  // A file of the wrong length (a copy cut short outside Distillery) is replaced, never read.
  const isComplete = (): boolean => fs.existsSync(file) && fs.statSync(file).size === bytes;
  const outcome = fillOnce(
    file,
    isComplete,
    (keepAlive) =>
      fill(files, settings, file, keepAlive, () =>
        progress(`Decoding ${files.length} images into the shared cache ${file}.`),
      ),
    (owner) => progress(`Waiting for the image cache being filled by ${describeLockOwner(owner)} (${file}).`),
  );
  return { file, count: files.length, width, bytes, ...outcome };
}

/**
 * The check of records read from the cache file `cache`: each against its checksum. A damaged file fails the read
 * naming it and the image folder, and is removed (when it is still the file that was opened), so the next run
 * decodes the folder again.
 */
export function cacheIntegrity(cache: Pick<CachedImages, 'file' | 'count' | 'width'>, folder: string): RecordIntegrity {
  const { file, count, width } = cache;
  const fd = fs.openSync(file, 'r');
  const opened = fs.fstatSync(fd);
  const checksums = Buffer.alloc(count * CHECKSUM_BYTES);
  const got = fs.readSync(fd, checksums, 0, checksums.length, count * width);
  fs.closeSync(fd);
  const damaged = (detail: string): TrainerError => {
    const now = fs.statSync(file, { throwIfNoEntry: false });
    if (now && now.ino === opened.ino && now.dev === opened.dev) fs.rmSync(file, { force: true });
    return new TrainerError(
      `The decoded image cache ${file} of the image folder ${folder} is damaged: ${detail}. It was removed.`,
      'Run again with --resume to keep the finished phases: the cache is decoded again from the images. If this ' +
        'happens again, check the disk holding the cache (DISTILLERY_CACHE_DIR moves it).',
      'image-cache-damaged',
    );
  };
  if (got !== checksums.length)
    throw damaged(`its record checksums are incomplete (${got} of ${checksums.length} bytes)`);
  return {
    verify(row, record) {
      if (crc32(record) !== checksums.readUInt32LE(row * CHECKSUM_BYTES))
        throw damaged(`example ${row} differs from what was written when the cache was filled`);
    },
    damaged,
  };
}
