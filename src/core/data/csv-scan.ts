/**
 * A CSV file read as a labelled table in two streaming passes, the one way `distillery check` and the trainer both
 * read it, so neither holds the file's text or its rows whole: a header row, then data rows with as many cells as
 * the header. The label column must be filled on every row. A column is numeric when more than half of its filled
 * cells are numbers; every cell of a numeric column must then be a number, and every other column is categorical
 * (one feature per distinct value, the empty value included). The first pass checks every row's width and label
 * and counts each column's numbers; the second checks the numeric columns and collects the categories. Problems
 * name the line they are on, so check and train report the same thing at the same place.
 */
import { type CsvProblem, isCsvNumber } from './csv-table';
import { type CsvRow, csvRowStream } from './csv-text';

/** Reads the whole text once, handing it over in chunks (called once per pass). */
export type CsvText = (onText: (text: string) => void) => void;

export interface CsvScan {
  /** Header names, trimmed. */
  readonly names: readonly string[];
  readonly labelIndex: number;
  /** Data rows. */
  readonly rows: number;
  /** Per column: its categories, sorted, when it is categorical; undefined for numeric columns and the label. */
  readonly categories: readonly (readonly string[] | undefined)[];
  /** The labels' distinct values, sorted, and how many rows have each. */
  readonly classNames: readonly string[];
  readonly classCounts: readonly number[];
}

export type CsvScanRead = { readonly ok: true; readonly scan: CsvScan } | ({ readonly ok: false } & CsvProblem);

const problem = (message: string, line?: number, hint?: string): CsvScanRead => ({
  ok: false,
  kind: 'data',
  message,
  ...(line === undefined ? {} : { line }),
  ...(hint === undefined ? {} : { hint }),
});

/** Every data row of the text, in order, after the header (handed to `onHeader` first). */
export function eachCsvRow(text: CsvText, onHeader: (row: CsvRow) => void, onRow: (row: CsvRow) => void): void {
  let seenHeader = false;
  const stream = csvRowStream((row) => {
    if (seenHeader) onRow(row);
    else {
      seenHeader = true;
      onHeader(row);
    }
  });
  text((chunk) => stream.push(chunk));
  stream.end();
}

/**
 * Scans the table; `onLabel` hears each data row's class (its index in the sorted class names) during the second
 * pass, in row order, with the number of data rows, for a reader that keeps the labels.
 */
export function scanCsv(
  text: CsvText,
  label: string,
  onLabel?: (row: number, classIndex: number, rows: number) => void,
): CsvScanRead {
  // Pass 1: header, row widths and labels, and per column how many filled cells are numbers.
  let names: string[] | undefined;
  let headerLine = 1;
  let labelIndex = -1;
  let rows = 0;
  let rowProblem: CsvScanRead | undefined;
  let filled: number[] = [];
  let numeric: number[] = [];
  const counts = new Map<string, number>();
  eachCsvRow(
    text,
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
        rowProblem = problem(
          `expected ${names!.length} columns (as in the header), found ${row.cells.length}.`,
          row.line,
        );
        return;
      }
      const value = row.cells[labelIndex]!.trim();
      if (value === '') {
        rowProblem = problem(
          `the label ('${label}') is missing.`,
          row.line,
          'Every row needs a label; remove unlabeled rows or fill them in.',
        );
        return;
      }
      counts.set(value, (counts.get(value) ?? 0) + 1);
      row.cells.forEach((cell, c) => {
        if (cell.trim() === '') return;
        filled[c]!++;
        if (isCsvNumber(cell)) numeric[c]!++;
      });
    },
  );
  if (!names) return problem('the CSV file is empty; it needs a header row and data rows.', 1);
  if (labelIndex < 0)
    return {
      ok: false,
      kind: 'no-label',
      line: headerLine,
      message: `no column named '${label}' in the header (${names.join(', ')}).`,
      hint: "Set data.source.label to one of the header's column names.",
    };
  if (names.length < 2) return problem('the CSV has no feature columns besides the label.', headerLine);
  if (rows < 2) return problem(`needs at least two data rows, found ${rows}.`);
  if (rowProblem) return rowProblem;
  // A column is numeric when most of its values are numbers; the rest of it must then be numbers too.
  const categorical = names.map((_, c) => c !== labelIndex && numeric[c]! * 2 <= filled[c]!);
  // Pass 2: every cell of a numeric column must be a number (the first column with a problem is reported); the
  // categories of the others; each row's class.
  const columnProblems = new Map<number, CsvScanRead>();
  const categories = names.map(() => new Set<string>());
  const classNames = [...counts.keys()].sort();
  const classOf = new Map(classNames.map((name, i) => [name, i]));
  let index = 0;
  eachCsvRow(
    text,
    () => undefined,
    (row) =>
      row.cells.forEach((cell, c) => {
        const value = cell.trim();
        if (c === labelIndex) onLabel?.(index++, classOf.get(value)!, rows);
        else if (categorical[c]) categories[c]!.add(value);
        else if (!columnProblems.has(c) && !isCsvNumber(value))
          columnProblems.set(
            c,
            value === ''
              ? problem(
                  `missing value in numeric column '${names![c]}'.`,
                  row.line,
                  'Fill in or drop rows with missing values.',
                )
              : problem(
                  `'${value}' in column '${names![c]}' is not a number (the column's other values are numeric).`,
                  row.line,
                ),
          );
      }),
  );
  const firstProblem = [...columnProblems.keys()].sort((a, b) => a - b)[0];
  if (firstProblem !== undefined) return columnProblems.get(firstProblem)!;
  if (classNames.length < 2)
    return problem(
      `the label column '${label}' has only one class (${classNames[0] ?? 'none'}); classification needs at least two.`,
    );
  return {
    ok: true,
    scan: {
      names,
      labelIndex,
      rows,
      categories: categories.map((set, c) => (categorical[c] ? [...set].sort() : undefined)),
      classNames,
      classCounts: classNames.map((name) => counts.get(name)!),
    },
  };
}
