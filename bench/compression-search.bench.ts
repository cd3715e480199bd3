/**
 * Accuracy-aware compression on the MNIST example (issue #12's goal: a model at least 4x smaller than the float
 * student within 1 accuracy point). One run of a copy of examples/mnist.distill.yaml (one seed, no baseline: the
 * search compresses the first seed's student either way) whose `compression` is replaced by
 * `target: { max_accuracy_drop: 1.0 }` with the default space. Prints every tried point next to the float student
 * measured in the same run (its shipped files are the baseline of every size ratio), the Pareto front, the chosen
 * point with its test-split accuracy, and the time the search took.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { describeChosen, describeFront, SEARCH_COLUMNS, searchRows, referenceOf } from '../src/core/format/search-text';
import { formatDuration } from '../src/core/format/duration';
import { runTraining } from '../src/trainer/engine';
import { printTable } from './stats';

const REPO = path.resolve(__dirname, '..');
const GOAL_RATIO = 4;
const GOAL_DROP = 1;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'distillery-bench-search-'));
  const config = parse(fs.readFileSync(path.join(REPO, 'examples/mnist.distill.yaml'), 'utf8')) as Record<
    string,
    unknown
  >;
  config.evaluation = { ...(config.evaluation as object), seeds: 1, baseline: false };
  config.compression = { target: { max_accuracy_drop: GOAL_DROP } };
  config.output = dir;
  const configPath = path.join(dir, 'mnist-search.distill.yaml');
  fs.writeFileSync(configPath, stringify(config));
  const runDir = path.join(dir, 'run');
  const { report } = await runTraining({
    configPath,
    runDir,
    resume: false,
    cancellation: { reason: () => undefined, cancel: () => undefined, dispose: () => undefined },
    onEvent: () => undefined,
  });
  const search = report.compression_search;
  if (report.status !== 'done' || !search)
    throw new Error(`the run failed: ${report.error ?? 'no compression_search'}`);
  process.stdout.write(
    `one run of examples/mnist.distill.yaml (1 seed, no baseline) with compression.target { max_accuracy_drop: ${GOAL_DROP} }, backend ${report.backend}: ${runDir}\n`,
  );
  process.stdout.write(
    `search: ${search.points.length} points in ${formatDuration(report.durations.search ?? report.durations.pruning)} of ${formatDuration(report.durations.total)} (student validation accuracy ${((referenceOf(search)?.validation_accuracy ?? 0) * 100).toFixed(2)}%)\n\n`,
  );
  printTable(
    SEARCH_COLUMNS.map((c) => c || 'note'),
    searchRows(search),
  );
  process.stdout.write(`\nPareto front (validation): ${describeFront(search)}\nchosen: ${describeChosen(search)}\n`);
  const reference = referenceOf(search)!;
  const chosen = search.points.find((p) => p.id === search.chosen)!;
  const ratio = reference.bytes / chosen.bytes;
  const met = ratio >= GOAL_RATIO && chosen.accuracy_drop <= GOAL_DROP;
  process.stdout.write(
    `\ngoal (>= ${GOAL_RATIO}x smaller than the float student within ${GOAL_DROP} pt on validation): ${met ? 'met' : 'NOT met'}: ${ratio.toFixed(2)}x, ${(-chosen.accuracy_drop).toFixed(2)} pt on validation; test accuracy ${(chosen.test_accuracy * 100).toFixed(2)}% vs the student's ${(reference.test_accuracy * 100).toFixed(2)}%\n`,
  );
}

void main();
