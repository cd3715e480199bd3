/**
 * An image folder: one sub-folder per class (sorted by name), PNG/JPEG files inside, resized to size x size. The
 * images are decoded once into the shared decoded-image cache (image-cache.ts); training then reads a batch of
 * bytes at a time from it, or (`in_memory`) holds the cache's bytes in memory. Both give the same inputs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TrainerError } from '../run/errors';
import { fileByteExamples, inMemoryByteExamples } from './byte-examples';
import type { Dataset } from './dataset';
import { type CacheProgress, cacheIntegrity, cachedImages } from './image-cache';

export interface ImageFolderSettings {
  readonly size: number;
  readonly grayscale: boolean;
  /** The shared cache folder (see cacheFolderOf). */
  readonly cacheDir: string;
  /** Hold every decoded image in memory instead of reading each batch from the cache file. */
  readonly inMemory: boolean;
  /** Told what the cache does: decoding, or waiting for another process that decodes the same folder. */
  readonly progress?: CacheProgress;
}

const IMAGE = /\.(png|jpe?g)$/i;

export interface ImageFolderListing {
  readonly classNames: readonly string[];
  /** Per class (in `classNames` order), its image files sorted by name. */
  readonly files: readonly (readonly string[])[];
}

/** The folder's classes and image files, checked (a missing or empty folder or class is a clear error). */
export function listImageFolder(folder: string, shownPath: string): ImageFolderListing {
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    throw new TrainerError(
      `${shownPath}: no such folder.`,
      'data.source.images must be a folder with one sub-folder per class (relative to the config file).',
    );
  }
  const classNames = fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const files = classNames.map((name) =>
    fs
      .readdirSync(path.join(folder, name))
      .filter((f) => IMAGE.test(f))
      .sort()
      .map((f) => path.join(folder, name, f)),
  );
  const total = files.reduce((n, f) => n + f.length, 0);
  if (classNames.length === 0 || total === 0) {
    throw new TrainerError(
      `${shownPath}: the image folder is empty (no class sub-folders with PNG or JPEG files).`,
      "Put each class's images in its own sub-folder, e.g. images/cat/1.png and images/dog/1.jpg.",
    );
  }
  const emptyClass = classNames.find((_, i) => files[i]!.length === 0);
  if (emptyClass)
    throw new TrainerError(
      `${shownPath}/${emptyClass}: this class folder has no PNG or JPEG images.`,
      'Add images to it or remove the folder.',
    );
  if (classNames.length < 2)
    throw new TrainerError(
      `${shownPath}: found only one class folder (${classNames[0]}); classification needs at least two.`,
    );
  return { classNames, files };
}

export function loadImageFolder(folder: string, shownPath: string, settings: ImageFolderSettings): Dataset {
  const { size, grayscale } = settings;
  const { classNames, files } = listImageFolder(folder, shownPath);
  const channels = grayscale ? 1 : 3;
  const ordered = files.flat();
  const y = Int32Array.from(files.flatMap((list, label) => list.map(() => label)));
  const cache = cachedImages(settings.cacheDir, folder, ordered, { size, grayscale }, settings.progress);
  const integrity = cacheIntegrity(cache, folder);
  return {
    name: shownPath,
    classNames,
    inputShape: [size, size, channels],
    x: settings.inMemory
      ? // A Buffer is a Uint8Array: no copy of the records.
        inMemoryByteExamples(fs.readFileSync(cache.file).subarray(0, cache.count * cache.width), cache.width, integrity)
      : fileByteExamples(cache.file, cache.count, cache.width, integrity),
    y,
    valueRange: [0, 1],
    standardize: false,
    cache: { file: cache.file, bytes: cache.bytes, inMemory: settings.inMemory },
  };
}
