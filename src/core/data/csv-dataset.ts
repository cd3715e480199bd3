/**
 * Dataset facts for `source: { csv, label }`: numeric columns become one feature each, text columns one
 * feature per distinct value (one-hot), exactly as the trainer encodes them. Rows with an empty cell are
 * dropped (the trainer drops them too).
 */
import type { CsvTable } from './csv-text';
import type { DatasetInfo } from './dataset-info';

export type CsvDatasetResult =
  | { readonly ok: true; readonly info: DatasetInfo }
  | { readonly ok: false; readonly problem: 'no-rows' | 'no-label' | 'no-features'; readonly message: string };

const isNumeric = (cell: string): boolean => cell.trim() !== '' && Number.isFinite(Number(cell));

export function csvDatasetInfo(name: string, table: CsvTable, label: string): CsvDatasetResult {
  const labelIndex = table.header.indexOf(label);
  if (labelIndex < 0) {
    return {
      ok: false,
      problem: 'no-label',
      message: `The CSV has no column \`${label}\`; its columns are ${table.header.map((h) => `\`${h}\``).join(', ')}.`,
    };
  }
  const complete = table.rows.filter(
    (row) => row.length === table.header.length && row.every((cell) => cell.trim() !== ''),
  );
  if (complete.length === 0) return { ok: false, problem: 'no-rows', message: 'The CSV has no complete data rows.' };
  let features = 0;
  table.header.forEach((_, column) => {
    if (column === labelIndex) return;
    const cells = complete.map((row) => row[column]!);
    features += cells.every(isNumeric) ? 1 : new Set(cells.map((c) => c.trim())).size;
  });
  if (features === 0)
    return { ok: false, problem: 'no-features', message: 'The CSV has no feature columns besides the label.' };
  const counts = new Map<string, number>();
  for (const row of complete) {
    const value = row[labelIndex]!.trim();
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const classNames = [...counts.keys()].sort();
  const classCounts = classNames.map((c) => counts.get(c) ?? 0);
  return { ok: true, info: { name, inputShape: [features], classNames, classCounts, examples: complete.length } };
}
