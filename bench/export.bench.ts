/**
 * Export benchmark, from one run (the MNIST example, lean: 6,000 examples, 3 student epochs, one seed; its
 * student pruned to 50% and quantized to int8):
 * 1. export time: writing both files (encode only) and the whole export step (write + load back + measure);
 * 2. batch-1 and batched latency of each export in its runtime (stock tf.loadLayersModel; onnxruntime with
 *    default options and with graph optimisation off), next to the in-process student the run evaluated;
 * 3. sizes of the shipped files next to the float32 files of the same model.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';
import { parse, stringify } from 'yaml';
import type { RunReport } from '../src/core/protocol/report';
import { trainInProcess } from '../test/trainer/train-in-process';
import { medianLatency } from '../src/trainer/eval/interleaved-timing';
import { measureLatency } from '../src/trainer/eval/latency';
import { toNchw } from '../src/trainer/export/measure-export';
import { ONNX_INPUT, onnxModelOf } from '../src/trainer/export/onnx-graph';
import { reexportRun } from '../src/trainer/export/reexport';
import { tfjsArtifacts } from '../src/trainer/export/tfjs-export';
import { loadModel } from '../src/trainer/model/model-files';
import { loadBundled } from '../src/trainer/data/bundled';
import { fmt, median, printTable, timeRepeated, timeRepeatedAsync } from './stats';
import { indexRange } from '../src/trainer/data/dataset';

const REPO = path.resolve(__dirname, '..');

async function oneRun(): Promise<{ runDir: string; report: RunReport }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'distillery-bench-export-'));
  const config = parse(fs.readFileSync(path.join(REPO, 'examples/mnist.distill.yaml'), 'utf8')) as Record<
    string,
    Record<string, unknown>
  >;
  config.data = { ...config.data, limit: 6000 };
  config.teacher = { ...config.teacher, training: { ...(config.teacher!.training as object), epochs: 2 } };
  config.training = { ...config.training, epochs: 3 };
  config.evaluation = { ...config.evaluation, seeds: 1, baseline: false };
  const configPath = path.join(dir, 'mnist.distill.yaml');
  fs.writeFileSync(configPath, stringify(config));
  const runDir = path.join(dir, 'run');
  const outcome = await trainInProcess(configPath, runDir);
  if (outcome.report.status !== 'done') throw new Error(`the run failed: ${outcome.report.error}`);
  return { runDir, report: outcome.report };
}

async function main(): Promise<void> {
  const { runDir, report } = await oneRun();
  process.stdout.write(`one run of examples/mnist.distill.yaml (lean), backend ${report.backend}: ${runDir}\n\n`);
  const { model: pruned } = await loadModel(path.join(runDir, 'pruned/model.json'));
  const { model: quantized } = await loadModel(path.join(runDir, 'quantized/model.json'));
  const mnist = loadBundled('mnist');
  const shape = mnist.inputShape;
  const sample = mnist.x.rows(indexRange(0, 512));

  // 1. Export time.
  const encode = timeRepeated(() => {
    onnxModelOf(pruned, 'int8', {}, 'bench');
  }, 5);
  const encodeTfjs = await timeRepeatedAsync(async () => {
    await tfjsArtifacts(pruned, 'int8');
  }, 5);
  const whole = await timeRepeatedAsync(
    async () => {
      await reexportRun(runDir);
    },
    3,
    0,
  );
  printTable(
    ['export step', 'median'],
    [
      ['encode ONNX (int8)', fmt(median(encode))],
      ['encode TF.js (uint8 manifest)', fmt(median(encodeTfjs))],
      ['distillery export: write both, load back, measure on the test split', fmt(median(whole))],
    ],
  );

  // 2. Latency per example, each file in its runtime, next to the in-process student.
  const rows: string[][] = [];
  const inProcess = measureLatency(quantized, shape, 128, sample);
  rows.push(['in-process student (tfjs, dequantized int8)', fmt(inProcess.batch1_ms), fmt(inProcess.batched_ms)]);
  const { model: stock } = await loadModel(path.join(runDir, 'export/tfjs/model.json'));
  const tfjsLatency = measureLatency(stock, shape, 128, sample);
  rows.push(['export/tfjs (stock loader, tfjs)', fmt(tfjsLatency.batch1_ms), fmt(tfjsLatency.batched_ms)]);
  for (const level of ['all', 'disabled'] as const) {
    const session = await ort.InferenceSession.create(path.join(runDir, 'export/model.onnx'), {
      graphOptimizationLevel: level,
    });
    const nchw = toNchw(sample, shape);
    const latency = await medianLatency(
      async (rows) =>
        void (await session.run({ [ONNX_INPUT]: new ort.Tensor('float32', rows, [rows.length / 784, 1, 28, 28]) })),
      nchw,
      784,
      128,
    );
    await session.release();
    rows.push([
      `export/model.onnx (onnxruntime, optimisation ${level === 'all' ? 'default' : 'off'})`,
      fmt(latency.batch1_ms),
      fmt(latency.batched_ms),
    ]);
  }
  printTable(['model', 'batch 1 (per example)', 'batch 128 (per example)'], rows);

  // 3. Sizes.
  const floatTfjs = await tfjsArtifacts(pruned, undefined);
  const floatOnnx = onnxModelOf(pruned, undefined, {}, 'bench').bytes.byteLength;
  const after = JSON.parse(fs.readFileSync(path.join(runDir, 'report.json'), 'utf8')) as RunReport;
  const kb = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
  const tfjsEntry = after.exports!.find((e) => e.format === 'tfjs')!;
  const onnxEntry = after.exports!.find((e) => e.format === 'onnx')!;
  printTable(
    ['file', 'bytes', 'gzipped', 'float32 same model', 'accuracy (file)', 'same top-1 as run'],
    [
      [
        tfjsEntry.path,
        kb(tfjsEntry.bytes),
        kb(tfjsEntry.bytes_gzip),
        kb(floatTfjs.weights.byteLength + JSON.stringify(floatTfjs.modelJson).length),
        `${(tfjsEntry.accuracy * 100).toFixed(2)}%`,
        `${(tfjsEntry.fidelity.agreement * 100).toFixed(2)}%`,
      ],
      [
        onnxEntry.path,
        kb(onnxEntry.bytes),
        kb(onnxEntry.bytes_gzip),
        kb(floatOnnx),
        `${(onnxEntry.accuracy * 100).toFixed(2)}%`,
        `${(onnxEntry.fidelity.agreement * 100).toFixed(2)}%`,
      ],
    ],
  );
  process.stdout.write(
    `in-run quantized (int8 per channel) accuracy ${(after.quantized!.metrics.accuracy * 100).toFixed(2)}%, float (pruned) ${(after.pruned!.metrics.accuracy * 100).toFixed(2)}%\n`,
  );
}

void main();
