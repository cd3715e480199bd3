/**
 * Dataset facts for `source: { csv, label }`, from the table csv-scan.ts read (the trainer encodes the same
 * table): numeric columns become one feature each, categorical columns one feature per distinct value.
 */
import type { CsvScan } from './csv-scan';
import type { DatasetInfo } from './dataset-info';

export function csvDatasetInfo(name: string, scan: CsvScan): DatasetInfo {
  const features = scan.categories.reduce(
    (n, categories, column) => (column === scan.labelIndex ? n : n + (categories?.length ?? 1)),
    0,
  );
  return {
    name,
    inputShape: [features],
    classNames: scan.classNames,
    classCounts: scan.classCounts,
    examples: scan.rows,
  };
}
