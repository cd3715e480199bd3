/**
 * A CSV file with a header row: numeric feature columns, categorical ones (one-hot), and a label column. The
 * file is read by core's `readCsvTable`, the same reader `distillery check` uses, so a problem the trainer
 * stops on (wrong column count, a non-numeric value in a numeric column, a missing value or label) is the one
 * check reports, on the same line.
 */
import { describeCsvProblem, readCsvTable } from '../../core/data/csv-table';
import { readTextFile } from '../../node/file-system';
import { TrainerError } from '../run/errors';
import type { Dataset } from './dataset';
import { encodeTable, type Cell } from './tabular';

export function loadCsv(file: string, shownPath: string, label: string): Dataset {
  let text: string;
  try {
    text = readTextFile(file, 'csv');
  } catch (error) {
    throw new TrainerError(
      `${shownPath}: cannot read the CSV file (${error instanceof Error ? error.message : String(error)}).`,
      'Check data.source.csv: the path is relative to the config file.',
    );
  }
  const read = readCsvTable(text, label);
  if (!read.ok) throw new TrainerError(describeCsvProblem(shownPath, read), read.hint);
  const { names, labelIndex, features, categorical, rows } = read.table;
  const records = rows.map(
    (row) =>
      Object.fromEntries(
        names.map((n, i) => [n, categorical.has(n) || i === labelIndex ? row.cells[i]!.trim() : Number(row.cells[i])]),
      ) as Record<string, Cell>,
  );
  return encodeTable(shownPath, records, { features, label, categorical });
}
