/**
 * report.json `shipped_latency` from a real iris run (structured pruning, then int8): the student, the pruned
 * model and the quantized export each loaded from the files a user ships, with sizes that are those files',
 * the backend named, each step compared with the model it compressed, and a warning for each slower step.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { onnxUnmeasuredMessage, slowerStepMessage } from '../../src/core/format/shipped-latency-text';
import type { RunEvent } from '../../src/core/protocol/run-events';
import { type ShippedModelLatency, SLOWER_MARGIN } from '../../src/core/protocol/shipped-latency';
import { readRunReport } from '../../src/core/runs/read-report';
import { nodeFileSystem } from '../../src/node/file-system';
import { runTraining } from '../../src/trainer/engine';
import { reexportRun } from '../../src/trainer/export/reexport';
import { tempDir, useTrainerBackend, writeConfig } from './helpers';

const dir = tempDir('shipped-latency');
before(async () => {
  await useTrainerBackend();
});

const CONFIG = `version: 1
data:
  source: iris
  split: { validation: 0.2, test: 0.3, seed: 3 }
teacher:
  layers: [ { dense: { units: 16, activation: relu } }, { dense: { units: 3 } } ]
  training: { epochs: 10, batch_size: 16, learning_rate: 0.02 }
student:
  layers: [ { dense: { units: 12, activation: relu } }, { dense: { units: 3 } } ]
training: { epochs: 5, batch_size: 16, learning_rate: 0.02 }
compression:
  pruning: { sparsity: 0.5, fine_tune_epochs: 1, structure: units }
  quantization: { dtype: int8 }
evaluation: { baseline: false, seeds: 1 }
`;

void test('each compression step is timed on its shipped files with stock TF.js and compared with the model it compressed', async () => {
  const events: RunEvent[] = [];
  const runDir = path.join(dir, 'run');
  const { report } = await runTraining({
    configPath: writeConfig(dir, 'latency.distill.yaml', CONFIG),
    runDir,
    resume: false,
    cancellation: { reason: () => undefined, cancel: () => undefined, dispose: () => undefined },
    onEvent: (e) => events.push(e),
  });
  assert.equal(report.status, 'done', report.error);
  const latency = report.shipped_latency;
  assert.ok(latency, 'the report has shipped_latency');
  assert.equal(latency.backend, report.backend);
  assert.equal(latency.process, 'fresh', 'timed in a fresh process with stock TF.js only');
  assert.ok(!events.some((e) => e.type === 'warning' && e.code === 'latency/unmeasured'), 'measured');
  assert.match(latency.runtime, /^@tensorflow\/tfjs \d/);
  assert.ok(latency.warmup > 0 && latency.repetitions >= 5);
  assert.equal(latency.batch_size, 16);
  assert.deepEqual(
    latency.models.map((m) => `${m.role}:${m.file}`),
    ['student:student/model.json', 'pruned:pruned/model.json', 'quantized:export/tfjs/model.json'],
  );
  const tfjsExport = report.exports!.find((e) => e.format === 'tfjs')!;
  for (const m of latency.models) {
    const folder = path.dirname(path.join(runDir, m.file));
    const onDisk = fs.readdirSync(folder).reduce((n, f) => n + fs.statSync(path.join(folder, f)).size, 0);
    assert.equal(m.bytes, onDisk, `${m.role}: the bytes of the files loaded`);
    assert.ok(m.batch1_ms > 0 && m.batched_ms > 0, `${m.role} times`);
    assert.ok(m.batch1_iqr_ms >= 0 && m.batched_iqr_ms >= 0, `${m.role} spreads`);
  }
  assert.equal(latency.models[2]!.bytes, tfjsExport.bytes, 'the quantized model is the shipped export');
  assert.ok(latency.models[1]!.bytes < latency.models[0]!.bytes, 'pruned files are smaller');
  assert.equal(latency.models[0]!.versus, undefined);
  for (const [i, m] of latency.models.entries()) {
    if (i === 0) continue;
    const previous: ShippedModelLatency = latency.models[i - 1]!;
    assert.equal(m.versus?.role, previous.role);
    assert.ok(Math.abs(m.versus!.batch1_ratio - m.batch1_ms / previous.batch1_ms) < 1e-9);
    const slowerAt = (at: 'batch1' | 'batched'): boolean =>
      m[`${at}_ms`] > previous[`${at}_ms`] * (1 + SLOWER_MARGIN) &&
      m[`${at}_ms`] - previous[`${at}_ms`] > Math.max(m[`${at}_iqr_ms`], previous[`${at}_iqr_ms`]);
    const slower = slowerAt('batch1') || slowerAt('batched');
    assert.equal(m.slower, slower);
    // A slower step is said in the report's warnings and as a warning event; a faster one is not.
    const message = slowerStepMessage(m, latency);
    assert.equal(report.warnings.includes(message ?? ''), slower);
    assert.equal(
      events.some((e) => e.type === 'warning' && e.code === 'latency/slower' && e.message === message),
      slower,
    );
  }
  // The same steps as ONNX, timed with onnxruntime in the same fresh process: the export's .onnx file for the
  // final step, the student and pruned model encoded by the exporter (no .onnx file of their own).
  const onnx = latency.onnx;
  assert.ok(onnx, `the report has ONNX latency (${latency.onnx_unmeasured ?? 'no reason given'})`);
  assert.match(onnx.runtime, /^onnxruntime-node \d+\.\d+/);
  assert.equal(onnx.execution_provider, 'cpu');
  assert.equal(onnx.graph_optimization, 'all');
  const onnxExport = report.exports!.find((e) => e.format === 'onnx')!;
  assert.deepEqual(
    onnx.models.map((m) => `${m.role}:${m.file}:${m.encoded === true}`),
    ['student:student/model.json:true', 'pruned:pruned/model.json:true', `quantized:${onnxExport.path}:false`],
  );
  assert.equal(onnx.models[2]!.bytes, fs.statSync(path.join(runDir, onnxExport.path)).size, 'the .onnx file shipped');
  assert.ok(onnx.models[1]!.bytes < onnx.models[0]!.bytes, 'the pruned model encodes smaller');
  for (const m of onnx.models) assert.ok(m.batch1_ms > 0 && m.batched_ms > 0, `${m.role} ONNX times`);
  for (const m of onnx.models.slice(1)) {
    assert.equal(report.warnings.includes(slowerStepMessage(m, latency, 'onnx') ?? ''), m.slower);
  }
  const read = readRunReport(nodeFileSystem, runDir);
  assert.ok(read.ok, read.ok ? '' : read.error);
  assert.deepEqual(read.report.shipped_latency, latency, 'report.json holds it and every reader accepts it');
  const markdown = fs.readFileSync(path.join(runDir, 'report.md'), 'utf8');
  assert.match(markdown, /## Latency of the shipped files/);
  assert.match(markdown, /The same steps as ONNX, opened with onnxruntime-node \d[^|]*cpu execution provider/);
  assert.ok(markdown.includes(`| quantized | \`${onnxExport.path}\` |`), 'report.md has the ONNX row');
});

void test('distillery export with a corrupt shipped .onnx file: the report says why the ONNX files were not timed, and keeps everything else', async () => {
  // The run of the test above, its ONNX export then damaged on disk; `distillery export --format tfjs` writes the
  // TF.js files again and re-times every shipped file, the kept ONNX export included.
  const runDir = path.join(dir, 'run');
  const before = readRunReport(nodeFileSystem, runDir);
  assert.ok(before.ok && before.report.shipped_latency?.onnx, 'the run above has ONNX latency');
  fs.writeFileSync(path.join(runDir, 'export/model.onnx'), 'not an ONNX model any more');
  const outcome = await reexportRun(runDir, { formats: ['tfjs'] });
  assert.equal(outcome.reportUpdated, true);
  const read = readRunReport(nodeFileSystem, runDir);
  assert.ok(read.ok, read.ok ? '' : read.error);
  const latency = read.report.shipped_latency;
  assert.equal(latency?.models.length, 3, 'the TF.js times are measured');
  assert.equal(latency?.onnx, undefined);
  assert.match(latency?.onnx_unmeasured ?? '', /^export\/model\.onnx: onnxruntime cannot open it \(.+\)$/);
  const warning = onnxUnmeasuredMessage(latency!)!;
  assert.ok(read.report.warnings.includes(warning), 'a warning in the report');
  assert.equal(read.report.student?.metrics.accuracy, before.report.student?.metrics.accuracy, 'results kept');
  assert.ok(fs.readFileSync(path.join(runDir, 'report.md'), 'utf8').includes(warning), 'and in report.md');
});
