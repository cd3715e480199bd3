/** The end-of-sweep summary of `distillery sweep`: one row per trial, its parameters, status and numbers. */
import { formatFixed } from '../../core/format/numbers';
import { textTable } from '../../core/format/text-table';
import type { SweepIndex } from '../../core/protocol/sweep';

const show = (value: number | undefined): string => formatFixed(value, 4);

export function formatSweepTable(index: SweepIndex): string {
  const paths = index.parameters.map((p) => p.path);
  const header = [
    'trial',
    ...paths.map((p) => p.split('.').pop() ?? p),
    'status',
    `${index.split} ${index.metric}`,
    'test accuracy',
  ];
  const rows = index.trials.map((t) => [
    `${t.id}${index.best?.trial === t.id ? ' *' : ''}`,
    ...paths.map((p) => String(t.params[p] ?? '')),
    t.status,
    show(t.objective),
    show(t.metrics?.accuracy),
  ]);
  const lines = textTable(header, rows);
  const best = index.best
    ? `Best: ${index.best.trial} (${index.split} ${index.metric} ${show(index.best.objective)}), run directory ${index.best.trial}/`
    : 'No trial finished with an objective.';
  const failed = index.trials.filter((t) => t.status === 'failed').map((t) => t.id);
  const retry = failed.length
    ? `\nFailed: ${failed.join(', ')}. Re-run one with --retry ID, or all unfinished ones by running the sweep again.`
    : '';
  return `\n${lines.join('\n')}\n${best}\nSweep ${index.status}; index: sweep.json in the sweep directory.${retry}\n`;
}
