/**
 * The README's table of distillation results on the shipped examples, rendered from examples/results.json
 * (written by `npm run examples:table`, which trains every shipped config). A test re-renders it and checks the
 * config hashes, so the README cannot drift from the shipped configs.
 */
import { createHash } from 'node:crypto';

export const EXAMPLES_MARKERS = ['<!-- examples-table:start -->', '<!-- examples-table:end -->'] as const;

export interface ExampleResult {
  /** Repository-relative path of the config. */
  readonly config: string;
  /** sha256 of the config text the numbers come from. */
  readonly sha256: string;
  readonly teacher: string;
  readonly teacher_accuracy: number;
  readonly student_labels: number;
  readonly train_examples: number;
  /** Test accuracy per seed. */
  readonly baseline: readonly number[];
  readonly student: readonly number[];
  /** Mean and sample standard deviation of student minus baseline, in points. */
  readonly gain_mean: number;
  readonly gain_std: number;
  /** The augmentation the student and baseline trained with, if any. */
  readonly augmentation?: string;
  /** Wall time of the run, its date (YYYY-MM-DD) and the TensorFlow.js backend it ran on. */
  readonly seconds: number;
  readonly measured: string;
  readonly backend: string;
}

export interface ExampleResults {
  readonly examples: readonly ExampleResult[];
}

export const configHash = (text: string): string => createHash('sha256').update(text).digest('hex');

const pct = (share: number): string => (share * 100).toFixed(2);
const signed = (points: number): string => `${points >= 0 ? '+' : ''}${points.toFixed(2)}`;

export function renderExamplesTable(results: ExampleResults): string {
  const rows = results.examples.map((e) => {
    const gain = `${signed(e.gain_mean)} ± ${e.gain_std.toFixed(2)}`;
    return [
      `\`${e.config}\``,
      `${e.teacher} (${pct(e.teacher_accuracy)}%)`,
      `${e.student_labels} of ${e.train_examples}`,
      e.augmentation ?? 'none',
      `${e.baseline.map(pct).join(' / ')}%`,
      `${e.student.map(pct).join(' / ')}%`,
      e.gain_mean > 0 ? `**${gain}**` : gain,
    ];
  });
  const dates = [...new Set(results.examples.map((e) => e.measured))].sort().join(', ');
  const backends = [...new Set(results.examples.map((e) => e.backend))].sort().join(', ');
  return [
    `Test accuracy per seed, measured by \`npm run examples:table\` from the configs as shipped (${dates}; ${backends} backend):`,
    '',
    '| example | teacher | student labels | augmentation | baseline (labels only) | distilled student | gain (points) |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
  ].join('\n');
}
