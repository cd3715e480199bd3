/**
 * `npm run examples:table [CONFIG...]`: trains every shipped example config (those without a `sweep` section)
 * with the built CLI, records what each report says in examples/results.json, and rewrites the README's
 * examples table from it. With config paths, only those are re-run; the others keep their recorded results.
 * `--collect` trains nothing: it reads the runs already in runs/examples/<name>/ (e.g. trained in parallel with
 * `distillery train examples/<name>.distill.yaml --run-dir runs/examples/<name>`), each accepted only if the
 * run's config snapshot is the shipped config, byte for byte.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunReport } from '../src/core/protocol/report';
import { replaceBetween } from './schema/readme-sections';
import {
  configHash,
  EXAMPLES_MARKERS,
  type ExampleResult,
  type ExampleResults,
  renderExamplesTable,
} from './examples/results-table';

const ROOT = path.resolve(__dirname, '..');
export const RESULTS_FILE = path.join(ROOT, 'examples', 'results.json');
const README_FILE = path.join(ROOT, 'README.md');

export function shippedExampleConfigs(): string[] {
  return fs
    .readdirSync(path.join(ROOT, 'examples'))
    .filter((name) => /\.distill\.ya?ml$/.test(name))
    .filter((name) => !/^sweep:/m.test(fs.readFileSync(path.join(ROOT, 'examples', name), 'utf8')))
    .sort()
    .map((name) => `examples/${name}`);
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

const runDirOf = (config: string): string =>
  path.join(ROOT, 'runs', 'examples', path.basename(config).replace(/\.distill\.ya?ml$/, ''));

function trainExample(config: string): ExampleResult {
  const runDir = runDirOf(config);
  fs.rmSync(runDir, { recursive: true, force: true });
  console.log(`training ${config} -> ${path.relative(ROOT, runDir)}`);
  spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'train', config, '--run-dir', runDir], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return resultOf(config, runDir);
}

function resultOf(config: string, runDir: string): ExampleResult {
  const report = JSON.parse(fs.readFileSync(path.join(runDir, 'report.json'), 'utf8')) as RunReport;
  if (report.status !== 'done') throw new Error(`${config}: ${report.error ?? report.status}`);
  const snapshot = fs.readFileSync(path.join(runDir, 'config.distill.yaml'), 'utf8');
  const shipped = fs.readFileSync(path.join(ROOT, config), 'utf8');
  if (snapshot !== shipped) throw new Error(`${config}: the run in ${runDir} was made from another version of it.`);
  const { teacher, student, baseline, distillation_gain: gain, dataset } = report;
  if (!teacher || !student || !baseline || !gain || !dataset)
    throw new Error(`${config}: the table needs a teacher, a student, a baseline and the gain (evaluation.baseline).`);
  return {
    config,
    sha256: configHash(fs.readFileSync(path.join(ROOT, config), 'utf8')),
    teacher: teacher.label,
    teacher_accuracy: teacher.metrics.accuracy,
    student_labels: dataset.train - dataset.unlabeled,
    train_examples: dataset.train,
    baseline: baseline.seed_accuracies ?? [baseline.metrics.accuracy],
    student: student.seed_accuracies ?? [student.metrics.accuracy],
    gain_mean: gain.mean * 100,
    gain_std: gain.std * 100,
    ...(student.budget?.augmentation ? { augmentation: student.budget.augmentation } : {}),
    seconds: Math.round(report.durations.total ?? 0),
    measured: report.finished.slice(0, 10),
    backend: report.backend,
  };
}

function main(): void {
  const args = process.argv.slice(2);
  const collect = args.includes('--collect');
  const wanted = args.filter((a) => a !== '--collect').map((p) => path.relative(ROOT, path.resolve(p)));
  const configs = shippedExampleConfigs();
  const previous: ExampleResults | undefined = fs.existsSync(RESULTS_FILE)
    ? (JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8')) as ExampleResults)
    : undefined;
  const examples = configs.map((config) => {
    const kept = previous?.examples.find((e) => e.config === config);
    if (wanted.length > 0 && !wanted.includes(config) && kept) return kept;
    return collect ? resultOf(config, runDirOf(config)) : trainExample(config);
  });
  const results: ExampleResults = { examples };
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  const readme = fs.readFileSync(README_FILE, 'utf8');
  fs.writeFileSync(
    README_FILE,
    replaceBetween(readme, EXAMPLES_MARKERS, renderExamplesTable(results), '### Results on the examples'),
  );
  for (const e of examples)
    console.log(`${e.config}: gain ${e.gain_mean.toFixed(2)} ± ${e.gain_std.toFixed(2)} points`);
  console.log(
    `wrote ${path.relative(ROOT, RESULTS_FILE)} and the README table (mean of ${mean(examples.map((e) => e.seconds)).toFixed(0)} s per example)`,
  );
}

if (require.main === module) main();
