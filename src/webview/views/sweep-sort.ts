/** Sorting of sweep trials by any column (parameters, objective, metrics); trials missing the value sort last. */
import type { SweepTrial, SweepValue } from '../../core/protocol/sweep';

export type SweepColumn =
  { readonly kind: 'id' | 'status' | 'objective' } | { readonly kind: 'param' | 'metric'; readonly key: string };

export function columnKey(column: SweepColumn): string {
  return column.kind === 'param' || column.kind === 'metric' ? `${column.kind}:${column.key}` : column.kind;
}

function valueOf(trial: SweepTrial, column: SweepColumn): SweepValue | undefined {
  switch (column.kind) {
    case 'id':
      return trial.index;
    case 'status':
      return trial.status;
    case 'objective':
      return trial.objective;
    case 'param':
      return trial.params[column.key];
    case 'metric':
      return trial.metrics?.[column.key];
  }
}

function compareValues(a: SweepValue, b: SweepValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'en', { numeric: true });
}

export function sortTrials(trials: readonly SweepTrial[], column: SweepColumn, descending: boolean): SweepTrial[] {
  return [...trials].sort((x, y) => {
    const a = valueOf(x, column);
    const b = valueOf(y, column);
    if (a === undefined || b === undefined) return a === b ? x.index - y.index : a === undefined ? 1 : -1;
    return (descending ? -1 : 1) * compareValues(a, b) || x.index - y.index;
  });
}
