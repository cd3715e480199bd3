/**
 * Rows of named values -> numeric features: numeric columns as they are, categorical columns one-hot encoded
 * (categories sorted, so the encoding does not depend on row order). Shared by CSV files and penguins.
 */
import { type Dataset, inMemoryExamples } from './dataset';

export type Cell = string | number;

export interface TabularColumns {
  readonly features: readonly string[];
  readonly label: string;
  /** Columns treated as categories (everything else must be numeric). */
  readonly categorical: ReadonlySet<string>;
}

export function encodeTable(
  name: string,
  rows: readonly Readonly<Record<string, Cell>>[],
  columns: TabularColumns,
): Dataset {
  const classNames = [...new Set(rows.map((r) => String(r[columns.label])))].sort();
  const categories = new Map<string, string[]>();
  for (const column of columns.features) {
    if (columns.categorical.has(column))
      categories.set(column, [...new Set(rows.map((r) => String(r[column])))].sort());
  }
  const width = columns.features.reduce((sum, c) => sum + (categories.get(c)?.length ?? 1), 0);
  const x = new Float32Array(rows.length * width);
  const y = new Int32Array(rows.length);
  rows.forEach((row, i) => {
    let offset = i * width;
    for (const column of columns.features) {
      const values = categories.get(column);
      if (values) {
        x[offset + values.indexOf(String(row[column]))] = 1;
        offset += values.length;
      } else {
        x[offset++] = Number(row[column]);
      }
    }
    y[i] = classNames.indexOf(String(row[columns.label]));
  });
  return { name, classNames, inputShape: [width], x: inMemoryExamples(x, width), y, standardize: true };
}
