/**
 * A CSV file with a header row: numeric feature columns, categorical ones (one-hot), and a label column. Read in
 * streaming passes through core's CSV parser (`csvRowStream`, the one RFC 4180 parser, as `distillery check`
 * reads it through `readCsvTable`), so the file's text and cells are never held whole: the first pass checks
 * every row's width and label, counts each column's numbers and hashes the text, the second checks numeric columns,
 * collects the categories and the labels, the third (only when the shared cache has no encoding of this text yet)
 * encodes each row and appends it to the cache file (csv-cache.ts). The problems and their order are
 * `readCsvTable`'s (test/core/data/csv-check-train.test.ts holds check and train to the same answers). What stays in
 * memory is the labels (4 bytes a row); the encoded rows are read a batch at a time from the cache file, or held
 * whole (`in_memory`, 4 bytes a value). Standardisation statistics then come from the training split's rows
 * (standardize.ts).
 */
import * as fs from 'node:fs';
import { type CsvProblem, describeCsvProblem } from '../../core/data/csv-table';
import { type CsvRow, csvRowStream } from '../../core/data/csv-text';
import { readTextChunks } from '../../node/file-system';
import { TrainerError } from '../run/errors';
import { cachedCsvRows, csvCacheKey } from './csv-cache';
import type { CacheProgress } from './image-cache';
import { type Dataset, inferenceBatchRows, inMemoryExamples } from './dataset';
import type { FloatRecordWriter } from './float-records';

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

const isNumber = (text: string): boolean => text.trim() !== '' && Number.isFinite(Number(text));

/** Every data row of the file (after the header), in order; `header` gets the header row first, `onText` the text. */
function eachRow(
  file: string,
  shownPath: string,
  onHeader: (row: CsvRow) => void,
  onRow: (row: CsvRow) => void,
  onText: (text: string) => void = () => undefined,
): void {
  let seenHeader = false;
  const stream = csvRowStream((row) => {
    if (seenHeader) onRow(row);
    else {
      seenHeader = true;
      onHeader(row);
    }
  });
  try {
    readTextChunks(file, 'csv', (text) => {
      onText(text);
      stream.push(text);
    });
  } catch (error) {
    throw new TrainerError(
      `${shownPath}: cannot read the CSV file (${error instanceof Error ? error.message : String(error)}).`,
      'Check data.source.csv: the path is relative to the config file.',
    );
  }
  stream.end();
}

function fail(shownPath: string, found: Omit<CsvProblem, 'kind'>): never {
  throw new TrainerError(describeCsvProblem(shownPath, { ...found, kind: 'data' }), found.hint);
}

export function loadCsv(file: string, shownPath: string, label: string, settings: CsvSettings): Dataset {
  // Pass 1: header, row widths and labels, and per column how many filled cells are numbers; the text's hash.
  const hash = csvCacheKey(label);
  let names: string[] | undefined;
  let headerLine = 1;
  let labelIndex = -1;
  let rows = 0;
  let rowProblem: Omit<CsvProblem, 'kind'> | undefined;
  let filled: number[] = [];
  let numeric: number[] = [];
  const labelSet = new Set<string>();
  eachRow(
    file,
    shownPath,
    (header) => {
      names = header.cells.map((c) => c.trim());
      headerLine = header.line;
      labelIndex = names.indexOf(label);
      filled = names.map(() => 0);
      numeric = names.map(() => 0);
    },
    (row) => {
      rows++;
      if (rowProblem || labelIndex < 0) return;
      if (row.cells.length !== names!.length) {
        rowProblem = {
          message: `expected ${names!.length} columns (as in the header), found ${row.cells.length}.`,
          line: row.line,
        };
        return;
      }
      const value = row.cells[labelIndex]!.trim();
      if (value === '') {
        rowProblem = {
          message: `the label ('${label}') is missing.`,
          line: row.line,
          hint: 'Every row needs a label; remove unlabeled rows or fill them in.',
        };
        return;
      }
      labelSet.add(value);
      row.cells.forEach((cell, c) => {
        if (cell.trim() === '') return;
        filled[c]!++;
        if (isNumber(cell)) numeric[c]!++;
      });
    },
    hash.update,
  );
  if (!names) fail(shownPath, { message: 'the CSV file is empty; it needs a header row and data rows.', line: 1 });
  if (labelIndex < 0)
    throw new TrainerError(
      describeCsvProblem(shownPath, {
        kind: 'no-label',
        line: headerLine,
        message: `no column named '${label}' in the header (${names.join(', ')}).`,
      }),
      "Set data.source.label to one of the header's column names.",
    );
  if (names.length < 2)
    fail(shownPath, { message: 'the CSV has no feature columns besides the label.', line: headerLine });
  if (rows < 2) fail(shownPath, { message: `needs at least two data rows, found ${rows}.` });
  if (rowProblem) fail(shownPath, rowProblem);
  // A column is numeric when most of its values are numbers (as readCsvTable decides).
  const categorical = names.map((_, c) => c !== labelIndex && numeric[c]! * 2 <= filled[c]!);
  // Pass 2: every cell of a numeric column must be a number (the first column with a problem is reported); the
  // categories of the others; each row's class.
  const columnProblems = new Map<number, Omit<CsvProblem, 'kind'>>();
  const categories = names.map(() => new Set<string>());
  const classNames = [...labelSet].sort();
  const classOf = new Map(classNames.map((name, i) => [name, i]));
  const y = new Int32Array(rows);
  let index = 0;
  eachRow(
    file,
    shownPath,
    () => undefined,
    (row) =>
      row.cells.forEach((cell, c) => {
        if (c === labelIndex) {
          y[index++] = classOf.get(cell.trim())!;
          return;
        }
        const value = cell.trim();
        if (categorical[c]) categories[c]!.add(value);
        else if (!columnProblems.has(c) && !isNumber(value))
          columnProblems.set(
            c,
            value === ''
              ? {
                  message: `missing value in numeric column '${names![c]}'.`,
                  line: row.line,
                  hint: 'Fill in or drop rows with missing values.',
                }
              : {
                  message: `'${value}' in column '${names![c]}' is not a number (the column's other values are numeric).`,
                  line: row.line,
                },
          );
      }),
  );
  const firstProblem = [...columnProblems.keys()].sort((a, b) => a - b)[0];
  if (firstProblem !== undefined) fail(shownPath, columnProblems.get(firstProblem)!);
  if (classNames.length < 2)
    fail(shownPath, {
      message: `the label column '${label}' has only one class (${classNames[0] ?? 'none'}); classification needs at least two.`,
    });
  // Pass 3, when the cache has no encoding of this text: each row encoded as it is read (categories sorted, so the
  // encoding does not depend on row order) and appended to the cache file a buffer at a time.
  const sorted = categories.map((set) => [...set].sort());
  const features = names.map((_, c) => c).filter((c) => c !== labelIndex);
  const width = features.reduce((n, c) => n + (categorical[c] ? sorted[c]!.length : 1), 0);
  const indexOf = sorted.map((values) => new Map(values.map((v, i) => [v, i])));
  const encode = (writer: FloatRecordWriter, keepAlive: () => void): void => {
    const bufferRows = inferenceBatchRows(width, ENCODE_ROWS);
    const buffer = new Float32Array(bufferRows * width);
    let buffered = 0;
    eachRow(
      file,
      shownPath,
      () => undefined,
      (row) => {
        let offset = buffered * width;
        for (const c of features) {
          if (categorical[c]) {
            buffer.fill(0, offset, offset + sorted[c]!.length);
            buffer[offset + indexOf[c]!.get(row.cells[c]!.trim())!] = 1;
            offset += sorted[c]!.length;
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
