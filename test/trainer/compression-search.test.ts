/**
 * compression.target (accuracy-aware compression) on real iris runs: every point of the space is recorded in the
 * run and the report, the chosen point is within the target on validation and the smallest such, its exports are
 * the run's `export/`; a search killed mid-way resumes without redoing finished points; a target no compressed
 * point meets keeps the uncompressed student (the point that loses least) with a warning.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { accuracyDrop } from '../../src/core/compression/choose-point';
import { searchSpace } from '../../src/core/compression/search-space';
import type { RunReport } from '../../src/core/protocol/report';
import { runEventCheck, type RunEvent } from '../../src/core/protocol/run-events';
import { readRunReport } from '../../src/core/runs/read-report';
import { nodeFileSystem } from '../../src/node/file-system';
import { runTraining } from '../../src/trainer/engine';
import { reexportRun } from '../../src/trainer/export/reexport';
import { readJsonLines, tempDir, useTrainerBackend, writeConfig } from './helpers';
import { spawnTrainer } from './trainer-process';

const dir = tempDir('compression-search');
before(async () => {
  await useTrainerBackend();
});

const config = (target: string): string => `version: 1
data:
  source: iris
  split: { validation: 0.3, test: 0.3, seed: 5 }
teacher:
  layers:
    - dense: { units: 16, activation: relu }
    - dense: { units: 3 }
  training: { epochs: 20, batch_size: 16, learning_rate: 0.02 }
student:
  layers:
    - dense: { units: 48, activation: relu, name: hidden }
    - dense: { units: 3, name: logits }
training: { epochs: 15, batch_size: 16, learning_rate: 0.02 }
compression:
  target: ${target}
evaluation: { baseline: false, seeds: 1 }
`;

const TARGET =
  '{ max_accuracy_drop: 1.0, sparsity: [0, 0.5], structure: [units], dtype: [float32, int8], aware: [false, true], fine_tune_epochs: 2 }';
const IDS = ['none-float32', 'none-int8', 'none-int8-aware', 'units50-float32', 'units50-int8', 'units50-int8-aware'];

async function train(
  name: string,
  target: string,
  events: RunEvent[] = [],
): Promise<{ report: RunReport; runDir: string }> {
  const runDir = path.join(dir, name);
  const { report } = await runTraining({
    configPath: writeConfig(dir, `${name}.distill.yaml`, config(target)),
    runDir,
    resume: false,
    cancellation: { reason: () => undefined, cancel: () => undefined, dispose: () => undefined },
    onEvent: (e) => events.push(e),
  });
  return { report, runDir };
}

void test('the search records every point, picks the smallest within the target on validation, and ships it', async () => {
  const events: RunEvent[] = [];
  const { report, runDir } = await train('search', TARGET, events);
  assert.equal(report.status, 'done', report.error);
  // Every event of a point's compression steps is tagged as that point's (the Training view groups them), and valid.
  const pointEvents = events.filter(
    (e) =>
      (e.type === 'eval' && ['pruned', 'quantized', 'quantized_aware'].includes(e.role)) ||
      (e.type === 'epoch' && e.role !== 'teacher' && e.role !== 'student') ||
      (e.type === 'phase' && (e.phase === 'pruning' || e.phase === 'quantization')),
  );
  assert.ok(pointEvents.length >= 6, `${pointEvents.length} compression events`);
  for (const e of pointEvents) assert.ok('search_point' in e && e.search_point, `untagged: ${JSON.stringify(e)}`);
  for (const e of events) assert.equal(runEventCheck(e, 'event'), undefined);
  const tags = events.flatMap((e) => ('search_point' in e && e.search_point ? [e.search_point] : []));
  assert.ok(tags.every((t) => t.total === IDS.length));
  for (const [i, id] of IDS.entries())
    assert.ok(
      tags.some((t) => t.id === id && t.index === i + 1),
      `point ${id} has tagged events at position ${i + 1}`,
    );
  assert.ok(
    events.some((e) => e.type === 'phase' && e.phase === 'search' && !('search_point' in e && e.search_point)),
    "the search's own start stays the run's",
  );
  const search = report.compression_search!;
  assert.ok(search, 'report.compression_search');
  assert.deepEqual(
    search.points.map((p) => p.id),
    IDS,
  );
  assert.deepEqual(
    searchSpace({ sparsity: [0, 0.5], structure: ['units'], dtype: ['float32', 'int8'], aware: [false, true] }).flatMap(
      (g) => g.points.map((p) => p.id),
    ),
    IDS,
  );
  for (const id of IDS)
    assert.ok(fs.existsSync(path.join(runDir, 'search', id, 'point.json')), `search/${id}/point.json`);
  // Drops are against the distilled student's validation accuracy, and "within" means within on validation.
  const studentValidation = report.student!.validation!.accuracy;
  const reference = search.points.find((p) => p.id === search.reference)!;
  assert.equal(search.reference, 'none-float32');
  assert.equal(reference.validation_accuracy, studentValidation);
  for (const p of search.points) {
    assert.ok(Math.abs(p.accuracy_drop - accuracyDrop(studentValidation, p.validation_accuracy)) < 1e-9);
    assert.equal(p.within_target, p.accuracy_drop <= 1.0 + 1e-9, p.id);
  }
  // The chosen point is within the target on validation and no point within it ships fewer bytes.
  const chosen = search.points.find((p) => p.id === search.chosen)!;
  assert.ok(chosen.within_target, `chosen ${chosen.id} drops ${chosen.accuracy_drop} points`);
  for (const p of search.points.filter((q) => q.within_target))
    assert.ok(chosen.bytes <= p.bytes, `${p.id} (${p.bytes} B) is smaller than ${chosen.id} (${chosen.bytes} B)`);
  assert.equal(search.outcome === 'compressed', chosen.id !== search.reference);
  // Structured pruning at 0.5 halves the hidden layer: fewer parameters, smaller files than the reference.
  const units = search.points.find((p) => p.id === 'units50-float32')!;
  assert.equal(units.params, 4 * 24 + 24 + 24 * 3 + 3);
  assert.ok(units.bytes < reference.bytes, `${units.bytes} B vs reference ${reference.bytes} B`);
  // int8 weights: a 48-unit student's int8 export is smaller than its float32 one.
  assert.ok(search.points.find((p) => p.id === 'none-int8')!.bytes < reference.bytes);
  // The chosen point's files are the run's export/, measured the same, and its models are the report's.
  const shipped = [...report.exports!].sort((a, b) => a.bytes - b.bytes)[0]!;
  assert.equal(shipped.bytes, chosen.bytes);
  assert.equal(shipped.accuracy, chosen.test_accuracy);
  for (const e of report.exports!) for (const f of e.files) assert.ok(fs.existsSync(path.join(runDir, f)), f);
  const quantized = chosen.aware ? report.quantized_aware : report.quantized;
  assert.equal(quantized?.dtype, chosen.dtype === 'float32' ? undefined : chosen.dtype);
  assert.equal((chosen.aware ? report.quantized : report.quantized_aware)?.dtype, undefined);
  // Quantization-aware points are fine-tuned with fake-quantized weights in their own folder.
  const aware = search.points.filter((p) => p.aware).map((p) => p.id);
  assert.deepEqual(aware, ['none-int8-aware', 'units50-int8-aware']);
  for (const id of aware)
    assert.ok(fs.existsSync(path.join(runDir, 'search', id, 'quantized-aware', 'model.json')), id);
  assert.equal(report.pruned?.params, chosen.structure === 'none' ? undefined : chosen.params);
  // The report on disk validates with the search in it.
  const read = readRunReport(nodeFileSystem, runDir);
  assert.ok(read.ok && read.report.compression_search?.chosen === search.chosen);
  // `distillery export` rebuilds the same shipped model from the chosen point's folders.
  const again = await reexportRun(runDir);
  const reshipped = [...again.exports].sort((a, b) => a.bytes - b.bytes)[0]!;
  assert.equal(reshipped.bytes, chosen.bytes);
  assert.equal(reshipped.accuracy, chosen.test_accuracy);
  assert.equal(reshipped.fidelity.agreement, 1);
});

void test('a target no compressed point meets keeps the uncompressed student, with a warning', async () => {
  // 46 of 48 hidden units removed without fine-tuning, against a target of 0 points.
  const events: RunEvent[] = [];
  const { report } = await train(
    'unmet',
    '{ max_accuracy_drop: 0, sparsity: [0.95], structure: [units], dtype: [float32], fine_tune_epochs: 0 }',
    events,
  );
  assert.equal(report.status, 'done', report.error);
  const search = report.compression_search!;
  assert.deepEqual(
    search.points.map((p) => p.id),
    ['none-float32', 'units95-float32'],
  );
  const pruned = search.points.find((p) => p.id === 'units95-float32')!;
  assert.ok(pruned.accuracy_drop > 0, `the 2-unit student lost ${pruned.accuracy_drop} points: the test needs a loss`);
  assert.equal(pruned.within_target, false);
  assert.equal(search.chosen, 'none-float32');
  assert.notEqual(search.outcome, 'compressed');
  assert.ok(
    report.warnings.some((w) => /keeps the uncompressed student \(none-float32\)/.test(w)),
    report.warnings.join('\n'),
  );
  assert.ok(events.some((e) => e.type === 'warning' && e.code === 'search/target-not-met'));
  // Nothing lost: the student's own files are the run's exports; no compressed model is reported as the result.
  assert.equal(report.pruned, undefined);
  assert.equal(report.quantized, undefined);
  assert.equal([...report.exports!].sort((a, b) => a.bytes - b.bytes)[0]!.bytes, search.points[0]!.bytes);
});

void test('a search killed after its first point resumes without redoing finished points', async () => {
  const runDir = path.join(dir, 'killed');
  const configPath = writeConfig(dir, 'killed.distill.yaml', config(TARGET));
  const first = spawnTrainer([configPath, '--run-dir', runDir, '--json']);
  await first.waitForEvent(
    (e) => e.type === 'phase' && e.phase === 'search' && e.message === 'Search point units50-float32.',
  );
  first.child.kill('SIGKILL');
  assert.equal((await first.exited).signal, 'SIGKILL');
  const finished = path.join(runDir, 'search', 'none-int8', 'point.json');
  assert.ok(fs.existsSync(path.join(runDir, 'search', 'none-float32', 'point.json')));
  assert.ok(fs.existsSync(finished), 'the first point was recorded before the kill');
  const before = fs.readFileSync(finished, 'utf8');
  const resumed = spawnTrainer([configPath, '--run-dir', runDir, '--json', '--resume']);
  const { code } = await resumed.exited;
  assert.equal(code, 0, resumed.stderr.join(''));
  const events = resumed.lines.map((l) => JSON.parse(l) as RunEvent);
  const searched = events.flatMap((e) => (e.type === 'phase' && e.phase === 'search' ? [e.message] : []));
  for (const id of ['none-int8', 'none-int8-aware'])
    assert.ok(!searched.includes(`Search point ${id}.`), `redid ${id}: ${searched.join(' | ')}`);
  assert.ok(searched.includes('Search point units50-int8.'), searched.join(' | '));
  assert.equal(fs.readFileSync(finished, 'utf8'), before, 'the finished point was not rewritten');
  const report = JSON.parse(fs.readFileSync(path.join(runDir, 'report.json'), 'utf8')) as RunReport;
  assert.equal(report.status, 'done');
  assert.deepEqual(
    report.compression_search!.points.map((p) => p.id),
    IDS,
  );
  assert.ok(readJsonLines(path.join(runDir, 'events.jsonl')).length > events.length);
});
