/**
 * A CSV file with a header row: numeric feature columns, categorical ones (one-hot), and a label column.
 * Every problem names the file and the line: wrong column count, a non-numeric value in a numeric column,
 * a missing value or a missing label.
 */
import { readTextFile } from '../../node/file-system';
import { TrainerError } from '../run/errors';
import type { Dataset } from './dataset';
import { parseCsv } from './csv-parse';
import { encodeTable, type Cell } from './tabular';

const isNumber = (text: string): boolean => text.trim() !== '' && Number.isFinite(Number(text));

export function loadCsv(file: string, shownPath: string, label: string): Dataset {
  let text: string;
  try {
    text = readTextFile(file);
  } catch (error) {
    throw new TrainerError(
      `${shownPath}: cannot read the CSV file (${error instanceof Error ? error.message : String(error)}).`,
      'Check data.source.csv: the path is relative to the config file.',
    );
  }
  const rows = parseCsv(text);
  const header = rows[0];
  if (!header) throw new TrainerError(`${shownPath}:1: the CSV file is empty; it needs a header row and data rows.`);
  const names = header.cells.map((c) => c.trim());
  const labelIndex = names.indexOf(label);
  if (labelIndex < 0)
    throw new TrainerError(
      `${shownPath}:${header.line}: no column named '${label}' in the header (${names.join(', ')}).`,
      "Set data.source.label to one of the header's column names.",
    );
  const data = rows.slice(1);
  if (data.length < 2) throw new TrainerError(`${shownPath}: needs at least two data rows, found ${data.length}.`);
  for (const row of data) {
    if (row.cells.length !== names.length)
      throw new TrainerError(
        `${shownPath}:${row.line}: expected ${names.length} columns (as in the header), found ${row.cells.length}.`,
      );
    if (row.cells[labelIndex]!.trim() === '')
      throw new TrainerError(
        `${shownPath}:${row.line}: the label ('${label}') is missing.`,
        'Every row needs a label; remove unlabeled rows or fill them in.',
      );
  }
  const features = names.filter((_, i) => i !== labelIndex);
  const categorical = new Set<string>();
  names.forEach((name, column) => {
    if (column === labelIndex) return;
    const values = data.map((r) => r.cells[column]!.trim()).filter((v) => v !== '');
    // A column is numeric when most of its values are numbers; the rest of it must then be numbers too.
    const numeric = values.filter(isNumber).length;
    if (numeric * 2 <= values.length) {
      categorical.add(name);
      return;
    }
    for (const row of data) {
      const value = row.cells[column]!.trim();
      if (value === '')
        throw new TrainerError(
          `${shownPath}:${row.line}: missing value in numeric column '${name}'.`,
          'Fill in or drop rows with missing values.',
        );
      if (!isNumber(value))
        throw new TrainerError(
          `${shownPath}:${row.line}: '${value}' in column '${name}' is not a number (the column's other values are numeric).`,
        );
    }
  });
  const records = data.map(
    (row) =>
      Object.fromEntries(
        names.map((n, i) => [
          n,
          categorical.has(n) ? row.cells[i]!.trim() : i === labelIndex ? row.cells[i]!.trim() : Number(row.cells[i]),
        ]),
      ) as Record<string, Cell>,
  );
  const dataset = encodeTable(shownPath, records, { features, label, categorical });
  if (dataset.classNames.length < 2)
    throw new TrainerError(
      `${shownPath}: the label column '${label}' has only one class (${dataset.classNames[0] ?? 'none'}); classification needs at least two.`,
    );
  return dataset;
}
