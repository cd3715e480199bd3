/** The table view of a chart: the same numbers as text, one row per category or x value, one column per series. */
import { textTable, type Child } from '../dom';
import type { ChartSpec } from './chart-spec';
import { MISSING } from '../../core/format/missing';

export function chartTable(spec: ChartSpec): HTMLTableElement {
  if (spec.table) return textTable(spec.title, spec.table.header, spec.table.rows);
  const header = [spec.xLabel, ...spec.series.map((s) => s.label)];
  const format = (value: number | null | undefined): string =>
    value === null || value === undefined ? MISSING : spec.formatY(value);
  if (spec.kind === 'bar') {
    const rows = spec.categories.map((category, i): Child[] => [
      category,
      ...spec.series.map((s) => format(s.values[i])),
    ]);
    return textTable(spec.title, header, rows);
  }
  // Several points of one series may share an x (e.g. sweep trials with the same value): show them all.
  const byX = new Map<number, (number[] | undefined)[]>();
  spec.series.forEach((series, column) => {
    for (const point of series.points) {
      let row = byX.get(point.x);
      if (!row) {
        row = new Array<number[] | undefined>(spec.series.length).fill(undefined);
        byX.set(point.x, row);
      }
      (row[column] ??= []).push(point.y);
    }
  });
  const rows = [...byX.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([x, cells]): Child[] => [
      spec.formatX(x),
      ...cells.map((values) => (values ? values.map((v) => spec.formatY(v)).join(', ') : MISSING)),
    ]);
  return textTable(spec.title, header, rows);
}
