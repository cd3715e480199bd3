/**
 * A CSV file with a header row: numeric feature columns, categorical ones (one-hot), and a label column. Scanned
 * in two streaming passes by core's csv-scan.ts (the one reading of a CSV table, as `distillery check` reads it:
 * test/core/data/csv-check-train.test.ts holds check and train to the same answers), which also hand the text to
 * the cache key's hash and the labels to this reader; a third pass (only when the shared cache has no encoding of
 * this text yet) encodes each row and appends it to the cache file (csv-cache.ts). So the file's text and cells are
 * never held whole: what stays in memory is the labels (4 bytes a row); the encoded rows are read a batch at a time
 * from the cache file, or held whole (`in_memory`, 4 bytes a value). Standardisation statistics then come from the
 * training split's rows (standardize.ts).
 */
import * as fs from 'node:fs';
import { type CsvText, eachCsvRow, scanCsv } from '../../core/data/csv-scan';
import { describeCsvProblem } from '../../core/data/csv-table';
import { readTextChunks } from '../../node/file-system';
import { TrainerError } from '../run/errors';
import { cachedCsvRows, csvCacheKey } from './csv-cache';
import { type Dataset, inferenceBatchRows, inMemoryExamples } from './dataset';
import type { FloatRecordWriter } from './float-records';
import type { CacheProgress } from './image-cache';

export interface CsvSettings {
  /** The shared data cache folder (see cacheFolderOf). */
  readonly cacheDir: string;
  /** Hold every encoded row in memory instead of reading each batch from the cache file. */
  readonly inMemory: boolean;
  /** Hears what the cache does (encoding, or waiting for another process filling it). */
  readonly progress?: CacheProgress;
}

/** Rows encoded into one buffer before it is appended to the cache file (fewer when the rows are wide). */
const ENCODE_ROWS = 4096;

/** The file's text in chunks, read again on every call; an unreadable file is a clear error. */
function textOf(file: string, shownPath: string): CsvText {
  return (onText) => {
    try {
      readTextChunks(file, 'csv', onText);
    } catch (error) {
      throw new TrainerError(
        `${shownPath}: cannot read the CSV file (${error instanceof Error ? error.message : String(error)}).`,
        'Check data.source.csv: the path is relative to the config file.',
      );
    }
  };
}

export function loadCsv(file: string, shownPath: string, label: string, settings: CsvSettings): Dataset {
  const text = textOf(file, shownPath);
  // The first pass's text also goes to the cache key's hash.
  const hash = csvCacheKey(label);
  let hashed = false;
  const hashedText: CsvText = (onText) => {
    const first = !hashed;
    hashed = true;
    text((chunk) => {
      if (first) hash.update(chunk);
      onText(chunk);
    });
  };
  let labels: Int32Array | undefined;
  const read = scanCsv(hashedText, label, (row, classIndex, rows) => {
    labels ??= new Int32Array(rows);
    labels[row] = classIndex;
  });
  if (!read.ok) throw new TrainerError(describeCsvProblem(shownPath, read), read.hint);
  const { names, labelIndex, rows, categories, classNames } = read.scan;
  const y = labels!;
  // Pass 3, when the cache has no encoding of this text: each row encoded as it is read (categories sorted, so the
  // encoding does not depend on row order) and appended to the cache file a buffer at a time.
  const features = names.map((_, c) => c).filter((c) => c !== labelIndex);
  const width = features.reduce((n, c) => n + (categories[c]?.length ?? 1), 0);
  const indexOf = categories.map((values) => values && new Map(values.map((v, i) => [v, i])));
  const encode = (writer: FloatRecordWriter, keepAlive: () => void): void => {
    const bufferRows = inferenceBatchRows(width, ENCODE_ROWS);
    const buffer = new Float32Array(bufferRows * width);
    let buffered = 0;
    eachCsvRow(
      text,
      () => undefined,
      (row) => {
        let offset = buffered * width;
        for (const c of features) {
          const oneHot = indexOf[c];
          if (oneHot) {
            buffer.fill(0, offset, offset + oneHot.size);
            buffer[offset + oneHot.get(row.cells[c]!.trim())!] = 1;
            offset += oneHot.size;
          } else buffer[offset++] = Number(row.cells[c]);
        }
        if (++buffered === bufferRows) {
          writer.append(buffer);
          buffered = 0;
          keepAlive();
        }
      },
    );
    writer.append(buffer.subarray(0, buffered * width));
  };
  const cached = cachedCsvRows(settings.cacheDir, hash.key(), rows, width, encode, settings.progress);
  const x = settings.inMemory ? inMemoryExamples(readFloats(cached.file), width) : cached.examples;
  return {
    name: shownPath,
    classNames,
    inputShape: [width],
    x,
    y,
    standardize: true,
    cache: { file: cached.file, bytes: cached.bytes, inMemory: settings.inMemory },
  };
}

/** A float32 file's values (copied only when the buffer Node gives is not 4-byte aligned). */
function readFloats(file: string): Float32Array {
  const bytes = fs.readFileSync(file);
  return bytes.byteOffset % 4 === 0
    ? new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)
    : new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}
