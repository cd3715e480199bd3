/**
 * The whole-text reading of a CSV table (the text parsed whole with core's parseCsv, every row kept), as check and
 * train read CSV files before the streaming passes (src/core/data/csv-scan.ts): an independent reference the tests
 * and the data-stream bench compare the streaming reader against. Same rules, same problems at the same lines.
 */
import type { CsvProblem } from '../../../src/core/data/csv-table';
import { parseCsv, type CsvRow } from '../../../src/core/data/csv-text';

export interface CsvTable {
  /** Header names, trimmed. */
  readonly names: readonly string[];
  readonly labelIndex: number;
  /** Every column but the label, in header order. */
  readonly features: readonly string[];
  readonly categorical: ReadonlySet<string>;
  /** Data rows, in file order; each has one cell per header name. */
  readonly rows: readonly CsvRow[];
  /** The trimmed label of each row. */
  readonly labels: readonly string[];
}

export type CsvTableRead = { readonly ok: true; readonly table: CsvTable } | ({ readonly ok: false } & CsvProblem);

const isNumber = (text: string): boolean => text.trim() !== '' && Number.isFinite(Number(text));

const problem = (message: string, line?: number, hint?: string): CsvTableRead => ({
  ok: false,
  kind: 'data',
  message,
  ...(line === undefined ? {} : { line }),
  ...(hint === undefined ? {} : { hint }),
});

/** Which columns are categorical, or the first cell of a numeric column that is not a number. */
function typeColumns(
  names: readonly string[],
  labelIndex: number,
  data: readonly CsvRow[],
): CsvTableRead | Set<string> {
  const categorical = new Set<string>();
  for (const [column, name] of names.entries()) {
    if (column === labelIndex) continue;
    const values = data.map((r) => r.cells[column]!.trim()).filter((v) => v !== '');
    // A column is numeric when most of its values are numbers; the rest of it must then be numbers too.
    if (values.filter(isNumber).length * 2 <= values.length) {
      categorical.add(name);
      continue;
    }
    for (const row of data) {
      const value = row.cells[column]!.trim();
      if (value === '')
        return problem(
          `missing value in numeric column '${name}'.`,
          row.line,
          'Fill in or drop rows with missing values.',
        );
      if (!isNumber(value))
        return problem(
          `'${value}' in column '${name}' is not a number (the column's other values are numeric).`,
          row.line,
        );
    }
  }
  return categorical;
}

export function readCsvTable(text: string, label: string): CsvTableRead {
  const [header, ...data] = parseCsv(text);
  if (!header) return problem('the CSV file is empty; it needs a header row and data rows.', 1);
  const names = header.cells.map((c) => c.trim());
  const labelIndex = names.indexOf(label);
  if (labelIndex < 0)
    return {
      ok: false,
      kind: 'no-label',
      line: header.line,
      message: `no column named '${label}' in the header (${names.join(', ')}).`,
      hint: "Set data.source.label to one of the header's column names.",
    };
  if (names.length < 2) return problem('the CSV has no feature columns besides the label.', header.line);
  if (data.length < 2) return problem(`needs at least two data rows, found ${data.length}.`);
  for (const row of data) {
    if (row.cells.length !== names.length)
      return problem(`expected ${names.length} columns (as in the header), found ${row.cells.length}.`, row.line);
    if (row.cells[labelIndex]!.trim() === '')
      return problem(
        `the label ('${label}') is missing.`,
        row.line,
        'Every row needs a label; remove unlabeled rows or fill them in.',
      );
  }
  const categorical = typeColumns(names, labelIndex, data);
  if (!(categorical instanceof Set)) return categorical;
  const labels = data.map((row) => row.cells[labelIndex]!.trim());
  const classes = [...new Set(labels)].sort();
  if (classes.length < 2)
    return problem(
      `the label column '${label}' has only one class (${classes[0] ?? 'none'}); classification needs at least two.`,
    );
  const features = names.filter((_, i) => i !== labelIndex);
  return { ok: true, table: { names, labelIndex, features, categorical, rows: data, labels } };
}
