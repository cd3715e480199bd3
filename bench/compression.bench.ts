/**
 * Compression benchmark (#12): for one MLP and one CNN student, the size and latency of the float student and
 * of its compressed versions, each saved as TF.js files and loaded back with stock tf.loadLayersModel, timed by
 * the code behind report.json's `shipped_latency` (warm-up, the models taking turns call by call, medians), on
 * the wasm and the cpu backend, each next to the float student. One lean training run per example (the MNIST
 * example's config, 3,000 digits, 2 epochs, one seed, no baseline) gives the student; from it:
 * - unstructured: 50% of the weights zeroed by magnitude (pruning.structure: unstructured);
 * - structured: 50% of the hidden units and conv filters removed (pruning.structure: units);
 * - int8: the float student's TF.js export with int8 weights; structured + int8: both;
 * - int4 post-training and int4 quantization-aware: the run quantizes its student to int4 both ways
 *   (`compression.quantization: { dtype: int4, aware: true }`, 2 fine-tuning epochs); post-training is the
 *   float student's TF.js export as int4, quantization-aware is the run's own export; their test accuracy and
 *   shipped ONNX bytes come from the run's report;
 * - floor: one unit or filter per hidden layer, whose time is the per-call cost TF.js adds to any model.
 * Fine-tuning changes weights, not shapes or file sizes, so the pruned models here are not fine-tuned.
 * The same models as ONNX (float, structured 50%, int8, structured + int8, floor: encoded by the run's exporter)
 * are timed with onnxruntime-node by the same method (eval/onnx-latency: the report's shipped_latency.onnx).
 * Goal (#12): structured pruning at 50% of units gives at least 1.6x lower latency and 2x fewer bytes on the MLP.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { parse, stringify } from 'yaml';
import type { LayerSpec } from '../src/core/config/types';
import type { RunReport } from '../src/core/protocol/report';
import { narrowedLayers } from '../src/core/model/narrow-layers';
import { pruneUnits } from '../src/trainer/compress/structured-prune';
import { pruneModel } from '../src/trainer/compress/prune';
import { indexRange } from '../src/trainer/data/dataset';
import { loadBundled } from '../src/trainer/data/bundled';
import { trainInProcess } from '../test/trainer/train-in-process';
import { timeOnnxModels } from '../src/trainer/eval/onnx-latency';
import { timeModelFiles } from '../src/trainer/eval/shipped-latency';
import { onnxModelOf } from '../src/trainer/export/onnx-graph';
import type { TimedFile } from '../src/trainer/eval/interleaved-timing';
import { tfjsArtifacts, TFJS_WEIGHTS_FILE } from '../src/trainer/export/tfjs-export';
import { buildModel } from '../src/trainer/model/build-model';
import { loadModel, saveModel } from '../src/trainer/model/model-files';
import { checkConfigFile } from '../src/trainer/run/config-check';
import { RunFiles } from '../src/trainer/run/run-files';
import { fmt, printTable } from './stats';

const REPO = path.resolve(__dirname, '..');
const SPARSITY = 0.5;
const BATCH = 128;

const CNN_STUDENT = [
  { conv2d: { filters: 16, kernel_size: 3, activation: 'relu', padding: 'same' } },
  { max_pooling2d: { pool_size: 2 } },
  { conv2d: { filters: 32, kernel_size: 3, activation: 'relu', padding: 'same' } },
  { max_pooling2d: { pool_size: 2 } },
  { dense: { units: 64, activation: 'relu' } },
  { dense: { units: 10 } },
];

/** One lean run of the MNIST example with `student` as its student (or the example's own MLP). */
async function trainStudent(
  name: string,
  student?: object[],
): Promise<{ dir: string; layers: readonly LayerSpec[]; report: RunReport }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `distillery-bench-compression-${name}-`));
  const config = parse(fs.readFileSync(path.join(REPO, 'examples/mnist.distill.yaml'), 'utf8')) as Record<
    string,
    Record<string, unknown>
  >;
  config.data = { ...config.data, limit: 3000 };
  config.teacher = { ...config.teacher, training: { ...(config.teacher!.training as object), epochs: 2 } };
  if (student) config.student = { layers: student };
  config.training = { ...config.training, epochs: 2 };
  delete config.training.augment;
  config.evaluation = { ...config.evaluation, seeds: 1, baseline: false };
  config.compression = { quantization: { dtype: 'int4', aware: true, fine_tune_epochs: 2 } };
  const configPath = path.join(dir, `${name}.distill.yaml`);
  fs.writeFileSync(configPath, stringify(config));
  const outcome = await trainInProcess(configPath, path.join(dir, 'run'));
  if (outcome.report.status !== 'done') throw new Error(`the ${name} run failed: ${outcome.report.error}`);
  return { dir, layers: checkConfigFile(configPath).config.student.layers!, report: outcome.report };
}

/** Writes the compressed versions of the run's student next to it; returns each model.json, float student first. */
async function compressedFiles(
  dir: string,
  layers: readonly LayerSpec[],
): Promise<{ files: { label: string; path: string }[]; onnx: { label: string; bytes: Uint8Array }[] }> {
  const files = new RunFiles(dir);
  const { model: student } = await loadModel(path.join(dir, 'run/student/model.json'));
  const inputShape = student.inputs[0]!.shape.slice(1) as number[];
  const classes = 10;
  const unstructured = buildModel(layers, inputShape, classes, 1, 'pruned');
  unstructured.setWeights(student.getWeights());
  pruneModel(unstructured, SPARSITY).dispose();
  await saveModel(unstructured, 'unstructured', files);
  const structured = pruneUnits(student, narrowedLayers(layers, SPARSITY, new Set()).layers, inputShape, classes, 1);
  await saveModel(structured, 'structured', files);
  for (const [folder, model, dtype] of [
    ['int8', student, 'int8'],
    ['structured-int8', structured, 'int8'],
    ['int4', student, 'int4'],
  ] as const) {
    const artifacts = await tfjsArtifacts(model, dtype);
    files.writeFile(`${folder}/${TFJS_WEIGHTS_FILE}`, artifacts.weights);
    files.writeFile(`${folder}/model.json`, JSON.stringify(artifacts.modelJson));
  }
  // The per-call floor: the same layers with one unit or filter each, whose arithmetic is next to nothing.
  const floor = pruneUnits(student, narrowedLayers(layers, 0.999, new Set()).layers, inputShape, classes, 1);
  await saveModel(floor, 'floor', files);
  // The same steps as the run's ONNX exporter writes them (int8: its INT8 weights with a Cast and a per-channel Mul).
  const asOnnx = (model: tf.LayersModel, dtype?: 'int8'): Uint8Array =>
    onnxModelOf(model, dtype, {}, `tfjs-layers ${tf.version_layers}`).bytes;
  const onnx = [
    { label: 'float student', bytes: asOnnx(student) },
    { label: `structured ${SPARSITY * 100}% of units`, bytes: asOnnx(structured) },
    { label: 'int8', bytes: asOnnx(student, 'int8') },
    { label: 'structured + int8', bytes: asOnnx(structured, 'int8') },
    { label: 'floor: 1 unit per hidden layer', bytes: asOnnx(floor) },
  ];
  for (const model of [student, unstructured, structured, floor]) model.dispose();
  const tfjs = [
    { label: 'float student', path: 'run/student/model.json' },
    { label: `unstructured ${SPARSITY * 100}%`, path: 'unstructured/model.json' },
    { label: `structured ${SPARSITY * 100}% of units`, path: 'structured/model.json' },
    { label: 'int8', path: 'int8/model.json' },
    { label: 'structured + int8', path: 'structured-int8/model.json' },
    { label: 'int4 post-training', path: 'int4/model.json' },
    { label: 'int4 quantization-aware (run export)', path: 'run/export/tfjs/model.json' },
    { label: 'floor: 1 unit per hidden layer', path: 'floor/model.json' },
  ].map((f) => ({ ...f, path: path.join(dir, f.path) }));
  return { files: tfjs, onnx };
}

const times = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;
/** Microseconds with a tenth below 100 µs: the differences here are a few µs. */
const us = (ms: number): string => (ms < 0.1 ? `${(ms * 1000).toFixed(1)} µs` : fmt(ms));

function printRows(title: string, labels: readonly string[], timed: readonly TimedFile[]): void {
  const float = timed[0]!;
  process.stdout.write(`\n${title}\n`);
  printTable(
    ['model', 'bytes', 'fewer bytes', 'b=1 median', 'b=1 speed-up', `b=${BATCH} per example`, `b=${BATCH} speed-up`],
    timed.map((t, i) => [
      labels[i]!,
      String(t.bytes),
      times(float.bytes, t.bytes),
      `${us(t.batch1.median)} ±${us(t.batch1.iqr / 2)}`,
      times(float.batch1.median, t.batch1.median),
      us(t.batched.median),
      times(float.batched.median, t.batched.median),
    ]),
  );
}

/** Accuracy (test split) and shipped ONNX bytes of the run's int4 models, post-training and quantization-aware. */
function printQuantization(title: string, report: RunReport): void {
  const rows = [
    ['float student', report.student!],
    ['int4 post-training', report.quantized!],
    ['int4 quantization-aware', report.quantized_aware!],
  ] as const;
  process.stdout.write(`\n${title}: accuracy of the run's models (test split, ${report.dataset?.test} examples)\n`);
  printTable(
    ['model', 'accuracy', 'bytes', 'measured on'],
    rows.map(([label, m]) => [label, `${(m.metrics.accuracy * 100).toFixed(2)}%`, String(m.bytes), m.bytes_file ?? '']),
  );
}

async function main(): Promise<void> {
  const mnist = loadBundled('mnist');
  const sample = mnist.x.rows(indexRange(0, 512));
  const examples = [
    { name: 'mlp', title: 'MLP student 784-64-10 (examples/mnist.distill.yaml)', student: undefined },
    { name: 'cnn', title: 'CNN student conv16-pool-conv32-pool-64-10 (MNIST)', student: CNN_STUDENT },
  ];
  const goal: string[] = [];
  for (const example of examples) {
    const { dir, layers, report } = await trainStudent(example.name, example.student);
    printQuantization(example.title, report);
    const { files, onnx } = await compressedFiles(dir, layers);
    for (const backend of ['wasm', 'cpu']) {
      if (!(await tf.setBackend(backend))) throw new Error(`the ${backend} backend did not start`);
      await tf.ready();
      const { timed, warmup } = await timeModelFiles(
        files.map((f) => ({ path: f.path, shown: f.label })),
        { sample, inputShape: mnist.inputShape, batchSize: BATCH },
        41,
      );
      printRows(
        `${example.title}, ${backend} backend, @tensorflow/tfjs ${tf.version.tfjs}, median of 41 interleaved calls after ${warmup} warm-up calls, until the times settled (± half the interquartile range)`,
        files.map((f) => f.label),
        timed,
      );
      if (example.name === 'mlp') {
        const [float, , structured] = timed;
        goal.push(
          `${backend}: structured 50% of units: ${times(float!.bytes, structured!.bytes)} fewer bytes (goal 2x), ${times(float!.batch1.median, structured!.batch1.median)} lower batch-1 latency (goal 1.6x), ${times(float!.batched.median, structured!.batched.median)} batched (b=${BATCH})`,
        );
      }
    }
    const ort = await timeOnnxModels(
      onnx.map((o) => ({ shown: o.label, bytes: o.bytes })),
      { sample, inputShape: mnist.inputShape, batchSize: BATCH },
      41,
    );
    printRows(
      `${example.title} as ONNX, ${ort.runtime} (${ort.executionProvider} execution provider, graph optimisation level ${ort.graphOptimization}), median of 41 interleaved calls after ${ort.warmup} warm-up calls, until the times settled (± half the interquartile range)`,
      onnx.map((o) => o.label),
      ort.timed,
    );
    if (example.name === 'mlp') {
      const [float, structured] = ort.timed;
      goal.push(
        `${ort.runtime}: structured 50% of units: ${times(float!.bytes, structured!.bytes)} fewer bytes (goal 2x), ${times(float!.batch1.median, structured!.batch1.median)} lower batch-1 latency (goal 1.6x; ${us(float!.batch1.median)} -> ${us(structured!.batch1.median)}), ${times(float!.batched.median, structured!.batched.median)} batched (b=${BATCH})`,
      );
    }
    await tf.setBackend('wasm');
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`\nGoal on the MLP (#12):\n${goal.map((g) => `  ${g}`).join('\n')}\n`);
}

void main();
