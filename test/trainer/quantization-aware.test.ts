/**
 * Quantization-aware training (compression.quantization.aware): the fake-quantized weights are exactly what
 * post-training quantization of the float weights gives (the export's per-channel scales), an optimizer step's
 * update lands on the float weights (straight-through estimator), and pruned zeros stay zero. Real runs on
 * bundled MNIST (lean: 1,200 examples, a few epochs): quantization-aware int4 against post-training int4 over
 * three seeds; the quantization-aware model loads in stock TF.js with the reported accuracy and sits on the
 * export's int4 grid; a trainer killed during the quantization-aware epochs resumes to the same result.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { parseConfig } from '../../src/core/config/parse';
import { readRunReport } from '../../src/core/runs/read-report';
import { nodeFileSystem } from '../../src/node/file-system';
import type { ExportResult, RunReport } from '../../src/core/protocol/report';
import { fakeQuantize } from '../../src/trainer/compress/fake-quant';
import { quantizeModelWeights } from '../../src/trainer/compress/quantize-model';
import { readAll } from '../../src/trainer/data/dataset';
import { prepareData, type PreparedData } from '../../src/trainer/data/load-data';
import { trainInProcess } from './train-in-process';
import { accuracyOf } from '../../src/trainer/eval/classification-metrics';
import { argmaxRows } from '../../src/trainer/eval/probabilities';
import { toNchw } from '../../src/trainer/export/measure-export';
import { ONNX_INPUT, ONNX_OUTPUT } from '../../src/trainer/export/onnx-graph';
import { reexportRun } from '../../src/trainer/export/reexport';
import { buildModel } from '../../src/trainer/model/build-model';
import { predictAll } from '../../src/trainer/train/predict';
import { serveFolder, type ServedFolder } from './export/serve-folder';
import { tempDir, useTrainerBackend, writeConfig } from './helpers';
import { spawnTrainer } from './trainer-process';

const root = tempDir('quantization-aware');
let served: ServedFolder;
before(async () => {
  await useTrainerBackend();
  served = await serveFolder(root);
});
after(() => served.close());

const LAYERS = [
  { type: 'dense' as const, units: 6, activation: 'relu' as const, use_bias: true, name: 'hidden' },
  { type: 'dense' as const, units: 3, activation: 'linear' as const, use_bias: true, name: 'out' },
];

const valuesOf = (model: tf.LayersModel): Float32Array[] =>
  model.weights.map((w) => Float32Array.from(w.read().dataSync() as Float32Array));

void test('fake quantization holds the post-training int4 values of the float weights, and steps update the float weights', () => {
  const model = buildModel(LAYERS, [5], 3, 11, 'fake-quant');
  // Prune one kernel entry: it must stay zero through the steps.
  const kernel = model.weights[0]!.read() as tf.Variable;
  const pruned = kernel.dataSync().slice() as Float32Array;
  pruned[4] = 0;
  kernel.assign(tf.tensor(pruned, kernel.shape));
  const float = valuesOf(model);
  const fake = fakeQuantize(model, 'int4');
  const expected = quantizeModelWeights(model, 'int4');
  assert.equal(fake.float.length, 2, 'the two kernels are fake-quantized; biases stay float');
  // The model now holds the quantized values of its former float weights, exactly.
  valuesOf(model).forEach((v, i) => assert.deepEqual(Array.from(v), Array.from(expected[i]!.dequantized)));
  assert.equal(expected[1]!.dtype, 'float32', 'the bias is not quantized');
  assert.deepEqual(Array.from(valuesOf(model)[1]!), Array.from(float[1]!), 'the bias is unchanged');
  assert.ok(
    valuesOf(model)[0]!.some((v, i) => v !== float[0]![i]),
    'int4 rounding changed some kernel weights',
  );
  // An "optimizer step": add 0.01 to every model weight. The float weights get exactly that update.
  model.weights.forEach((w) => (w.read() as tf.Variable).assign(tf.tidy(() => w.read().add(0.01))));
  fake.afterStep();
  const floatAfter = fake.float[0]!.dataSync();
  floatAfter.forEach((v, i) => {
    if (i === 4) assert.equal(v, 0, 'the pruned weight stays zero');
    else assert.ok(Math.abs(v - (float[0]![i]! + 0.01)) < 1e-6, `float weight ${i}: ${v} vs ${float[0]![i]! + 0.01}`);
  });
  // ... and the model holds their quantization again.
  const floatModel = buildModel(LAYERS, [5], 3, 11, 'fake-quant-check');
  floatModel.setWeights([tf.tensor(floatAfter, kernel.shape), ...model.getWeights().slice(1)]);
  assert.deepEqual(
    Array.from(valuesOf(model)[0]!),
    Array.from(quantizeModelWeights(floatModel, 'int4')[0]!.dequantized),
  );
  fake.restoreFloat();
  assert.deepEqual(Array.from(valuesOf(model)[0]!), Array.from(floatAfter), 'restoreFloat puts the float weights back');
  fake.dispose();
  model.dispose();
  floatModel.dispose();
});

const CONFIG = `version: 1
data:
  source: mnist
  split: { validation: 0.1, test: 0.25, seed: 7 }
  limit: 1200
teacher:
  layers:
    - dense: { units: 128, activation: relu, name: teacher_hidden }
    - dense: { units: 10, name: teacher_logits }
  training: { epochs: 6, batch_size: 32, learning_rate: 0.002 }
student:
  layers:
    - dense: { units: 32, activation: relu, name: hidden }
    - dense: { units: 10, name: logits }
distillation: { temperature: 2, soft_weight: 0.7, hard_weight: 0.3 }
training: { epochs: 8, batch_size: 32, learning_rate: 0.003 }
compression:
  quantization: { dtype: int4, aware: true, fine_tune_epochs: 3 }
evaluation: { baseline: false, seeds: 1 }
`;
const configPath = writeConfig(root, 'qat.distill.yaml', CONFIG);
const SEEDS = [1, 2, 3];
/** Reports of the in-process runs, by seed (the kill-and-resume test compares its result with seed 1's). */
const reports = new Map<number, RunReport>();

function testSplit(): PreparedData['test'] {
  return prepareData(parseConfig(CONFIG).config, root).test;
}

const accuracy = (logits: Float32Array, test: PreparedData['test']): number =>
  accuracyOf(test.y, argmaxRows(logits, test.classNames.length));

void test('quantization-aware int4 against post-training int4 on MNIST over 3 seeds, both in the report', async () => {
  const rows: string[] = [];
  for (const seed of SEEDS) {
    const { report } = await trainInProcess(configPath, path.join(root, `seed${seed}`), { seed });
    assert.equal(report.status, 'done', report.error);
    const post = report.quantized!;
    const aware = report.quantized_aware!;
    assert.ok(post && aware, 'both quantizations are in the report');
    assert.equal(aware.dtype, 'int4');
    assert.equal(aware.budget?.epochs, 3, 'three quantization-aware epochs');
    // Same shapes and dtype: the same number of stored bytes (post-training measured on its own ONNX file).
    assert.equal(post.bytes_file, 'quantized/model.onnx');
    assert.equal(aware.bytes_file, 'export/model.onnx');
    assert.ok(Math.abs(aware.bytes - post.bytes) < 200, `sizes ${aware.bytes} vs ${post.bytes} (metadata differs)`);
    assert.ok(aware.bytes < report.student!.bytes / 3, 'int4 is much smaller than the float student');
    // The shipped export is the quantization-aware model, and its latency row says so (not `quantized`).
    assert.deepEqual(
      report.shipped_latency?.models.map((m) => `${m.role}:${m.file}`),
      ['student:student/model.json', 'quantized_aware:export/tfjs/model.json'],
    );
    if (seed === 1) {
      const read = readRunReport(nodeFileSystem, path.join(root, 'seed1'));
      assert.ok(read.ok, read.ok ? '' : read.error);
      assert.match(
        fs.readFileSync(path.join(root, 'seed1/report.md'), 'utf8'),
        /\| quantized_aware \| `export\/tfjs\/model\.json` \|/,
      );
    }
    reports.set(seed, report);
    rows.push(
      `seed ${seed}: student ${report.student!.metrics.accuracy}, post-training ${post.metrics.accuracy}, aware ${aware.metrics.accuracy}`,
    );
  }
  const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
  const post = mean(SEEDS.map((s) => reports.get(s)!.quantized!.metrics.accuracy));
  const aware = mean(SEEDS.map((s) => reports.get(s)!.quantized_aware!.metrics.accuracy));
  console.log(`# ${rows.join('; ')}; mean post-training ${post}, mean aware ${aware}`);
  assert.ok(
    aware > post,
    `quantization-aware int4 ${aware} beats post-training int4 ${post} on average (${rows.join('; ')})`,
  );
});

void test('the quantization-aware model loads in stock TF.js with the reported accuracy, on the int4 grid the ONNX export stores', async () => {
  const report = reports.get(1);
  assert.ok(report, 'needs the seed-1 run of the test above');
  const runDir = path.join(root, 'seed1');
  const test = testSplit();
  const stock = await tf.loadLayersModel(`${served.url}/seed1/quantized-aware/model.json`);
  assert.equal(
    accuracy(predictAll(stock, test.x, test.inputShape)[0]!, test),
    report.quantized_aware!.metrics.accuracy,
  );
  // Every kernel value is an int4 integer (-7..7) times its channel's scale from quantization.json.
  const record = JSON.parse(fs.readFileSync(path.join(runDir, 'quantized-aware/quantization.json'), 'utf8')) as {
    tensors: { name: string; scales?: number[] }[];
  };
  const kernels = record.tensors.filter((t) => t.scales);
  assert.equal(kernels.length, 2);
  const weights = stock.getWeights();
  kernels.forEach((kernel, k) => {
    const values = weights[k * 2]!.dataSync();
    const scales = kernel.scales!;
    values.forEach((v, i) => {
      const q = v / scales[i % scales.length]!;
      assert.ok(Math.abs(q - Math.round(q)) < 1e-3 && Math.abs(q) <= 7 + 1e-3, `${kernel.name}[${i}] = ${q} steps`);
    });
  });
  stock.dispose();
  // The ONNX export holds those integers and scales: a default onnxruntime session gives the same accuracy.
  const session = await ort.InferenceSession.create(path.join(runDir, 'export/model.onnx'));
  const [height, width, channels] = test.inputShape as [number, number, number];
  const input = new ort.Tensor('float32', toNchw(readAll(test.x), test.inputShape), [
    test.y.length,
    channels,
    height,
    width,
  ]);
  const logits = (await session.run({ [ONNX_INPUT]: input }))[ONNX_OUTPUT]!.data as Float32Array;
  await session.release();
  assert.equal(accuracy(logits, test), report.quantized_aware!.metrics.accuracy);
  // The TF.js export (uint8 per tensor, re-encoding the int4 values) loads in stock TF.js with its reported accuracy.
  const entry = report.exports!.find((e) => e.format === 'tfjs')!;
  const exported = await tf.loadLayersModel(`${served.url}/seed1/${entry.path}`);
  assert.equal(accuracy(predictAll(exported, test.x, test.inputShape)[0]!, test), entry.accuracy);
  exported.dispose();
  assert.ok(
    entry.fidelity.agreement >= 0.98,
    `TF.js export agrees with the aware model on ${entry.fidelity.agreement}`,
  );
  // `distillery export` rebuilds the same files from the run's own folders (quantized-aware/float/).
  const again = await reexportRun(runDir, { outDir: path.join(root, 'reexported') });
  for (const format of ['tfjs', 'onnx'] as const) {
    const original: ExportResult = report.exports!.find((e) => e.format === format)!;
    const rebuilt: ExportResult = again.exports.find((e) => e.format === format)!;
    assert.equal(rebuilt.accuracy, original.accuracy, `${format} re-export accuracy`);
    assert.equal(rebuilt.fidelity.agreement, original.fidelity.agreement, `${format} re-export: same top-1 as the run`);
  }
});

void test('a trainer killed during quantization-aware training resumes from its checkpoint (float weights included) to the same result', async () => {
  const expected = reports.get(1);
  assert.ok(expected, 'needs the seed-1 run of the first test');
  const runDir = path.join(root, 'killed');
  const trainer = spawnTrainer([configPath, '--run-dir', runDir, '--json', '--seed', '1']);
  await trainer.waitForEvent((e) => e.type === 'epoch' && e.role === 'quantized_aware' && e.epoch === 1);
  trainer.child.kill('SIGKILL');
  const { signal } = await trainer.exited;
  assert.equal(signal, 'SIGKILL');
  const checkpoint = path.join(runDir, 'checkpoints/quantized_aware-seed1');
  const state = JSON.parse(fs.readFileSync(path.join(checkpoint, 'state.json'), 'utf8')) as { epochsDone: number };
  assert.ok(state.epochsDone >= 1 && state.epochsDone < 3, `killed after ${state.epochsDone} epoch(s)`);
  // The model's 4 weights and the 2 kernels' float weights.
  assert.equal((JSON.parse(fs.readFileSync(path.join(checkpoint, 'weights.json'), 'utf8')) as unknown[]).length, 6);
  const resumed = spawnTrainer([configPath, '--run-dir', runDir, '--json', '--seed', '1', '--resume']);
  const { code } = await resumed.exited;
  assert.equal(code, 0, resumed.stderr.join(''));
  const epochs = resumed.lines
    .map((line) => JSON.parse(line) as { type: string; role?: string; epoch?: number })
    .filter((e) => e.type === 'epoch' && e.role === 'quantized_aware');
  assert.equal(epochs[0]?.epoch, state.epochsDone + 1, 'quantization-aware training continues after the checkpoint');
  const report = JSON.parse(fs.readFileSync(path.join(runDir, 'report.json'), 'utf8')) as RunReport;
  assert.equal(report.status, 'done');
  assert.equal(report.quantized_aware!.metrics.accuracy, expected.quantized_aware!.metrics.accuracy);
  assert.deepEqual(report.quantized_aware!.metrics.confusion, expected.quantized_aware!.metrics.confusion);
});
