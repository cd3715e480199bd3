/**
 * Dataset facts for `source: { csv, label }`, from the table `readCsvTable` read (the trainer encodes the same
 * table): numeric columns become one feature each, categorical columns one feature per distinct value.
 */
import type { CsvTable } from './csv-table';
import type { DatasetInfo } from './dataset-info';

export function csvDatasetInfo(name: string, table: CsvTable): DatasetInfo {
  let features = 0;
  table.names.forEach((feature, column) => {
    if (column === table.labelIndex) return;
    features += table.categorical.has(feature) ? new Set(table.rows.map((row) => row.cells[column]!.trim())).size : 1;
  });
  const counts = new Map<string, number>();
  for (const value of table.labels) counts.set(value, (counts.get(value) ?? 0) + 1);
  const classNames = [...counts.keys()].sort();
  const classCounts = classNames.map((c) => counts.get(c) ?? 0);
  return { name, inputShape: [features], classNames, classCounts, examples: table.rows.length };
}
