/**
 * Exports of real runs, loaded back independently of the code that measured them: the TF.js export through
 * stock tf.loadLayersModel over HTTP, the ONNX export through an onnxruntime session with default options;
 * each on the run's test split. A conv student pruned and quantized to int8, and every bundled example
 * (lean: fewer examples and epochs) with its own student and compression.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { parse, stringify } from 'yaml';
import { parseConfig } from '../../../src/core/config/parse';
import type { ExportResult, RunReport } from '../../../src/core/protocol/report';
import { prepareData, type PreparedData } from '../../../src/trainer/data/load-data';
import { accuracyOf } from '../../../src/trainer/eval/classification-metrics';
import { argmaxRows } from '../../../src/trainer/eval/probabilities';
import { toNchw } from '../../../src/trainer/export/measure-export';
import { ONNX_INPUT, ONNX_OUTPUT, onnxModelOf } from '../../../src/trainer/export/onnx-graph';
import { tfjsArtifacts } from '../../../src/trainer/export/tfjs-export';
import { trainInProcess } from '../train-in-process';
import { loadModel } from '../../../src/trainer/model/model-files';
import { predictAll } from '../../../src/trainer/train/predict';
import { FIXTURES, REPO, tempDir, useTrainerBackend } from '../helpers';
import { serveFolder, type ServedFolder } from './serve-folder';
import { readAll } from '../../../src/trainer/data/dataset';

let served: ServedFolder;
const runsRoot = tempDir('export-runs');
before(async () => {
  await useTrainerBackend();
  served = await serveFolder(runsRoot);
});
after(() => served.close());

async function train(configPath: string, name: string): Promise<{ runDir: string; report: RunReport }> {
  const runDir = path.join(runsRoot, name);
  const outcome = await trainInProcess(configPath, runDir);
  assert.equal(outcome.report.status, 'done', outcome.report.error);
  return { runDir, report: outcome.report };
}

function testSplit(report: RunReport, runDir: string): PreparedData['test'] {
  const config = parseConfig(fs.readFileSync(path.join(runDir, 'config.distill.yaml'), 'utf8')).config;
  return prepareData(config, path.dirname(report.config_path)).test;
}

/** Logits of the TF.js export, loaded the way a web page would: stock tf.loadLayersModel on its URL. */
async function stockTfjsLogits(runDir: string, entry: ExportResult, test: PreparedData['test']): Promise<Float32Array> {
  const url = `${served.url}/${path.relative(runsRoot, path.join(runDir, entry.path)).split(path.sep).join('/')}`;
  const model = await tf.loadLayersModel(url);
  const logits = predictAll(model, test.x, test.inputShape)[0]!;
  model.dispose();
  return logits;
}

/** Logits of the ONNX export in a default onnxruntime session, its input in the layout the report states. */
async function onnxLogits(
  runDir: string,
  entry: ExportResult,
  test: PreparedData['test'],
  options: ort.InferenceSession.SessionOptions = {},
): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(path.join(runDir, entry.path), options);
  const image = entry.input.layout === 'nchw';
  const dims = entry.input.shape.slice(1) as number[];
  const x = image ? toNchw(readAll(test.x), test.inputShape) : readAll(test.x);
  const output = await session.run({ [ONNX_INPUT]: new ort.Tensor('float32', x, [test.y.length, ...dims]) });
  await session.release();
  return output[ONNX_OUTPUT]!.data as Float32Array;
}

function exportOf(report: RunReport, format: 'tfjs' | 'onnx'): ExportResult {
  const entry = report.exports?.find((e) => e.format === format);
  assert.ok(entry, `the report lists the ${format} export`);
  return entry;
}

const accuracy = (logits: Float32Array, test: PreparedData['test']): number =>
  accuracyOf(test.y, argmaxRows(logits, test.classNames.length));

function maxDiff(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length);
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
}

/** Every checked property of a run's exports that holds whatever the student and compression. */
async function checkExports(runDir: string, report: RunReport): Promise<{ test: PreparedData['test'] }> {
  const test = testSplit(report, runDir);
  for (const entry of report.exports ?? []) {
    const onDisk = entry.files.reduce((n, f) => n + fs.statSync(path.join(runDir, f)).size, 0);
    assert.equal(entry.bytes, onDisk, `${entry.path}: the reported size is that of the files`);
  }
  const tfjsEntry = exportOf(report, 'tfjs');
  const onnxEntry = exportOf(report, 'onnx');
  assert.equal(accuracy(await stockTfjsLogits(runDir, tfjsEntry, test), test), tfjsEntry.accuracy, 'TF.js accuracy');
  assert.equal(accuracy(await onnxLogits(runDir, onnxEntry, test), test), onnxEntry.accuracy, 'ONNX accuracy');
  assert.ok(!fs.existsSync(path.join(runDir, 'export.partial')), 'no staging folder is left');
  return { test };
}

void test('conv student, pruned and int8: files loaded back give the reported accuracy, at most 30% of float32, zeros kept', async () => {
  const { runDir, report } = await train(path.join(FIXTURES, 'mnist-conv-export.distill.yaml'), 'conv-int8');
  const onnxEntry = exportOf(report, 'onnx');
  assert.equal(onnxEntry.weights, 'int8');
  // Which optimisation level the quoted numbers are for: a user's default session.
  assert.match(onnxEntry.runtime, /^onnxruntime-node \S+ \(default graph optimisations\)$/);
  // Under them the shipped file is the run's int8 model (its weights fold to q * scale at load, no lossy fusion).
  assert.ok(onnxEntry.fidelity.max_logit_diff < 1e-4, `default session ${onnxEntry.fidelity.max_logit_diff}`);
  assert.equal(onnxEntry.fidelity.agreement, 1, "default session: the run's top-1 everywhere");
  assert.equal(onnxEntry.accuracy, report.quantized!.metrics.accuracy, "the shipped file scores the run's int8 model");
  // And the same file without them: the file holds the run's int8 values.
  const plain = onnxEntry.without_graph_optimisations;
  assert.ok(plain, 'the ONNX file is also measured with graph optimisations disabled');
  const { test } = await checkExports(runDir, report);
  const unoptimised = await onnxLogits(runDir, onnxEntry, test, { graphOptimizationLevel: 'disabled' });
  assert.equal(accuracy(unoptimised, test), plain.accuracy, 'the reported accuracy without optimisations');
  assert.ok(plain.fidelity.max_logit_diff < 1e-4, `without optimisations ${plain.fidelity.max_logit_diff}`);
  assert.equal(plain.fidelity.agreement, 1, "without optimisations: the run's top-1 everywhere");
  assert.equal(exportOf(report, 'tfjs').without_graph_optimisations, undefined, 'TF.js has no such level');
  assert.equal(onnxEntry.input.layout, 'nchw');
  assert.deepEqual(onnxEntry.input.shape, ['batch', 1, 28, 28]);
  assert.equal(exportOf(report, 'tfjs').input.layout, 'nhwc');
  assert.equal(report.quantized?.bytes_file, 'export/model.onnx');
  // Float32 files of the same (pruned) model, written by the same code without quantization.
  const { model: pruned } = await loadModel(path.join(runDir, 'pruned/model.json'));
  const floatTfjs = await tfjsArtifacts(pruned, undefined);
  const floatTfjsBytes = floatTfjs.weights.byteLength + JSON.stringify(floatTfjs.modelJson).length;
  const floatOnnxBytes = onnxModelOf(pruned, undefined, {}, 'test').bytes.byteLength;
  assert.ok(onnxEntry.bytes <= 0.3 * floatOnnxBytes, `ONNX ${onnxEntry.bytes} vs float ${floatOnnxBytes}`);
  const tfjsEntry = exportOf(report, 'tfjs');
  assert.ok(tfjsEntry.bytes <= 0.3 * floatTfjsBytes, `TF.js ${tfjsEntry.bytes} vs float ${floatTfjsBytes}`);
  // Pruned weights: every zero of the pruned kernels is exactly zero in the file the stock loader decodes.
  const stock = await tf.loadLayersModel(`${served.url}/conv-int8/export/tfjs/model.json`);
  pruned.getWeights().forEach((w, i) => {
    const original = w.dataSync();
    const loaded = stock.getWeights()[i]!.dataSync();
    original.forEach((v, k) => {
      if (v === 0) assert.equal(loaded[k], 0, `weight ${i}[${k}] stays zero`);
    });
  });
  stock.dispose();
  pruned.dispose();
});

/** A bundled example made lean: fewer examples and epochs, one seed, no baseline; its student and compression kept. */
function leanExample(file: string, dir: string): string {
  const config = parse(fs.readFileSync(path.join(REPO, 'examples', file), 'utf8')) as Record<
    string,
    Record<string, unknown>
  >;
  delete config.sweep;
  config.data = { ...config.data, limit: 400 };
  config.teacher = { ...config.teacher, training: { ...(config.teacher!.training as object), epochs: 1 } };
  config.training = { ...config.training, epochs: 1 };
  config.evaluation = { ...config.evaluation, seeds: 1, baseline: false };
  // The lean copy lives in a temporary folder: a teacher file named relative to examples/ must still be found.
  const teacherModel = config.teacher!.model;
  if (typeof teacherModel === 'string' && !path.isAbsolute(teacherModel))
    config.teacher = { ...config.teacher, model: path.join(REPO, 'examples', teacherModel) };
  const pruning = (config.compression?.pruning ?? undefined) as object | undefined;
  if (pruning) config.compression = { ...config.compression, pruning: { ...pruning, fine_tune_epochs: 1 } };
  const out = path.join(dir, file);
  fs.writeFileSync(out, stringify(config));
  return out;
}

const EXAMPLES = fs.readdirSync(path.join(REPO, 'examples')).filter((f) => f.endsWith('.distill.yaml'));

void test('there are bundled examples to export', () => assert.ok(EXAMPLES.length >= 5, EXAMPLES.join(', ')));

for (const example of EXAMPLES) {
  void test(`example ${example}: both exports load back with the reported accuracy`, async () => {
    const configs = tempDir('export-example');
    const { runDir, report } = await train(leanExample(example, configs), example.replace('.distill.yaml', ''));
    const { test } = await checkExports(runDir, report);
    const final = report.quantized ? undefined : report.pruned ? 'pruned' : 'student';
    if (final || report.quantized?.dtype === 'float16') {
      // Float weights (or float16, which both formats store exactly): the files compute the in-process logits.
      const { model } = await loadModel(path.join(runDir, report.quantized ? 'quantized' : final!, 'model.json'));
      const inProcess = predictAll(model, test.x, test.inputShape)[0]!;
      model.dispose();
      const tfjsDiff = maxDiff(await stockTfjsLogits(runDir, exportOf(report, 'tfjs'), test), inProcess);
      const onnxDiff = maxDiff(await onnxLogits(runDir, exportOf(report, 'onnx'), test), inProcess);
      assert.ok(tfjsDiff < 1e-4, `TF.js max |logit difference| ${tfjsDiff}`);
      assert.ok(onnxDiff < 1e-4, `ONNX max |logit difference| ${onnxDiff}`);
    }
  });
}
