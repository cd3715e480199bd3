/**
 * The decoded image cache: an image folder decoded and resized once into one file of byte records (example i at
 * offset i * size * size * channels), named by a hash of what it was decoded from (each file's path in the folder,
 * size and modification time, and the resize settings), so a changed, added or removed image gives a new key and
 * a fresh decode. Shared by every run, trial and cluster job that reads the same folder with the same settings: a
 * cache file is read-only once written, written to a private temporary file and renamed into place (atomic), so
 * two trials filling the same cache at once each produce the same complete file and a reader never sees half of one.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readImageInto } from './image-decode';

/** Bumped whenever the decode or the file format changes, so old cache files are never read as new ones. */
const FORMAT = 'distillery-image-cache-1';

export interface CacheSettings {
  readonly size: number;
  readonly grayscale: boolean;
}

export interface CachedImages {
  /** The cache file (byte records, one per image in `files` order). */
  readonly file: string;
  /** Bytes per example. */
  readonly width: number;
  readonly bytes: number;
  /** True when this call decoded the images (a cold cache); false when an existing file was reused. */
  readonly filled: boolean;
}

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

/** Decodes every image into a private temporary file, then renames it to `target`; nothing is left on failure. */
function fill(files: readonly string[], settings: CacheSettings, width: number, target: string): void {
  const temporary = `${target}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const fd = fs.openSync(temporary, 'w');
  try {
    const record = new Uint8Array(width);
    files.forEach((file, i) => {
      readImageInto(file, settings.size, settings.grayscale, record, 0);
      fs.writeSync(fd, record, 0, width, i * width);
    });
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/** The cache file of `files`: reused when a complete one exists, else decoded now. */
export function cachedImages(
  cacheDir: string,
  folder: string,
  files: readonly string[],
  settings: CacheSettings,
): CachedImages {
  const width = settings.size * settings.size * (settings.grayscale ? 1 : 3);
  const bytes = files.length * width;
  fs.mkdirSync(cacheDir, { recursive: true });
  const file = path.join(cacheDir, `images-${imageCacheKey(folder, files, settings)}.u8`);
  // A file of the wrong length (a copy cut short outside Distillery) is replaced, never read.
  const complete = fs.existsSync(file) && fs.statSync(file).size === bytes;
  if (!complete) fill(files, settings, width, file);
  return { file, width, bytes, filled: !complete };
}
