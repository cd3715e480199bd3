/**
 * `student.init: teacher` against random initialisation on a bundled example: examples/mnist-few-labels.distill.yaml
 * with its student derived from the teacher (`from_teacher`, width 1/16: 512-256 -> 32-16 units), trained by
 * the built CLI once per init with the example's 3 seeds. Prints the distilled students' and the labels-only
 * baselines' test accuracies per seed and the paired difference (teacher init - random init, same seed).
 * Accuracy, not speed: the random init is the baseline measured in the same run.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RunReport } from '../src/core/protocol/report';
import { distillationGain } from '../src/trainer/run/distillation-gain';
import { printTable } from './stats';

const ROOT = path.resolve(__dirname, '..');
const EXAMPLE = 'examples/mnist-few-labels.distill.yaml';
const WIDTH = 0.0625;

/** The example with its student section replaced by a derived student starting `init`. */
function configFor(init: 'random' | 'teacher'): string {
  const text = fs.readFileSync(path.join(ROOT, EXAMPLE), 'utf8');
  const student = /^student:\n(?: {2}.*\n)+/m;
  if (!student.test(text)) throw new Error(`${EXAMPLE} has no student section to replace.`);
  return text.replace(student, `student:\n  from_teacher: { width: ${WIDTH} }\n  init: ${init}\n`);
}

function train(init: 'random' | 'teacher', dir: string): { student: number[]; baseline: number[]; seconds: number } {
  const config = path.join(dir, `init-${init}.distill.yaml`);
  fs.writeFileSync(config, configFor(init));
  const runDir = path.join(dir, `run-${init}`);
  const result = spawnSync(
    process.execPath,
    [path.join(ROOT, 'dist', 'cli.js'), 'train', config, '--run-dir', runDir],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (result.status !== 0) throw new Error(`training with student.init: ${init} failed (exit ${result.status}).`);
  const report = JSON.parse(fs.readFileSync(path.join(runDir, 'report.json'), 'utf8')) as RunReport;
  const accuracies = (m: RunReport['student']): number[] => [...(m?.seed_accuracies ?? [])];
  return {
    student: accuracies(report.student),
    baseline: accuracies(report.baseline),
    seconds: Math.round(report.durations.total ?? 0),
  };
}

const pct = (values: readonly number[]): string => values.map((v) => (v * 100).toFixed(2)).join(' / ');
const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

function main(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'distillery-init-bench-'));
  try {
    const random = train('random', dir);
    const teacher = train('teacher', dir);
    printTable(
      [
        `${EXAMPLE}, student from_teacher width ${WIDTH}`,
        'distilled student, test % per seed',
        'mean',
        'labels-only baseline',
        'seconds',
      ],
      [
        [
          'student.init: random',
          pct(random.student),
          (mean(random.student) * 100).toFixed(2),
          pct(random.baseline),
          String(random.seconds),
        ],
        [
          'student.init: teacher',
          pct(teacher.student),
          (mean(teacher.student) * 100).toFixed(2),
          pct(teacher.baseline),
          String(teacher.seconds),
        ],
      ],
    );
    const student = distillationGain(teacher.student, random.student);
    const baseline = distillationGain(teacher.baseline, random.baseline);
    const fmt = (g: typeof student): string =>
      g
        ? `${g.mean * 100 >= 0 ? '+' : ''}${(g.mean * 100).toFixed(2)} ± ${(g.std * 100).toFixed(2)} points over ${g.seeds} seeds`
        : '-';
    process.stdout.write(
      `teacher init - random init (same seed): distilled student ${fmt(student)}; labels-only baseline ${fmt(baseline)}\n`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
