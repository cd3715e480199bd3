/**
 * A CSV file with a header row: numeric feature columns, categorical ones (one-hot), and a label column. Read in
 * streaming passes through core's CSV parser (`csvRowStream`, the one RFC 4180 parser, as `distillery check`
 * reads it through `readCsvTable`), so the file's text and cells are never held whole: the first pass checks
 * every row's width and label and counts each column's numbers, the second checks numeric columns and collects
 * the categories, the third encodes each row straight into the feature array. The problems and their order are
 * `readCsvTable`'s (test/core/data/csv-check-train.test.ts holds check and train to the same answers). What stays in
 * memory is the encoded features (4 bytes a value) and the labels; standardisation statistics then come from the
 * training split's rows (standardize.ts).
 */
import { type CsvProblem, describeCsvProblem } from '../../core/data/csv-table';
import { type CsvRow, csvRowStream } from '../../core/data/csv-text';
import { readTextChunks } from '../../node/file-system';
import { TrainerError } from '../run/errors';
import { type Dataset, inMemoryExamples } from './dataset';

const isNumber = (text: string): boolean => text.trim() !== '' && Number.isFinite(Number(text));

/** Every data row of the file (after the header), in order; `header` gets the header row first. */
function eachRow(file: string, shownPath: string, onHeader: (row: CsvRow) => void, onRow: (row: CsvRow) => void): void {
  let seenHeader = false;
  const stream = csvRowStream((row) => {
    if (seenHeader) onRow(row);
    else {
      seenHeader = true;
      onHeader(row);
    }
  });
  try {
    readTextChunks(file, 'csv', (text) => stream.push(text));
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

export function loadCsv(file: string, shownPath: string, label: string): Dataset {
  // Pass 1: header, row widths and labels, and per column how many filled cells are numbers.
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
  // categories of the others.
  const columnProblems = new Map<number, Omit<CsvProblem, 'kind'>>();
  const categories = names.map(() => new Set<string>());
  eachRow(
    file,
    shownPath,
    () => undefined,
    (row) =>
      row.cells.forEach((cell, c) => {
        if (c === labelIndex) return;
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
  const classNames = [...labelSet].sort();
  if (classNames.length < 2)
    fail(shownPath, {
      message: `the label column '${label}' has only one class (${classNames[0] ?? 'none'}); classification needs at least two.`,
    });
  // Pass 3: each row encoded as it is read (categories sorted, so the encoding does not depend on row order).
  const sorted = categories.map((set) => [...set].sort());
  const features = names.map((_, c) => c).filter((c) => c !== labelIndex);
  const width = features.reduce((n, c) => n + (categorical[c] ? sorted[c]!.length : 1), 0);
  const classOf = new Map(classNames.map((name, i) => [name, i]));
  const indexOf = sorted.map((values) => new Map(values.map((v, i) => [v, i])));
  const x = new Float32Array(rows * width);
  const y = new Int32Array(rows);
  let index = 0;
  eachRow(
    file,
    shownPath,
    () => undefined,
    (row) => {
      let offset = index * width;
      for (const c of features) {
        if (categorical[c]) {
          x[offset + indexOf[c]!.get(row.cells[c]!.trim())!] = 1;
          offset += sorted[c]!.length;
        } else x[offset++] = Number(row.cells[c]);
      }
      y[index++] = classOf.get(row.cells[labelIndex]!.trim())!;
    },
  );
  return { name: shownPath, classNames, inputShape: [width], x: inMemoryExamples(x, width), y, standardize: true };
}
