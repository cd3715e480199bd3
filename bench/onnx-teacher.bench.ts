/**
 * Teacher inference, images/s, on the same CNN (the committed PyTorch teacher, examples/teachers/fashion-cnn.onnx)
 * through onnxruntime (how Distillery runs an ONNX teacher) and through TF.js: the equivalent Layers network built
 * with the ONNX file's own weights (transposed to channels-last), on wasm, on the pure-JS cpu backend, and on
 * tfjs-node where it loads. All in one run, on the same 1,024 real Fashion-MNIST images; each TF.js backend also
 * reports its largest logit difference from onnxruntime, so the comparison is of the same function.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { decodeModel } from '../src/core/onnx/decode';
import type { onnx } from '../src/core/onnx/onnx-proto';
import { selectBackend } from '../src/trainer/backend/select-backend';
import { loadBundled } from '../src/trainer/data/bundled';
import { OnnxTeacher } from '../src/trainer/onnx/onnx-teacher';
import { median, printTable, timeRepeated, timeRepeatedAsync } from './stats';

const FILE = path.join(__dirname, '..', 'examples', 'teachers', 'fashion-cnn.onnx');
const MEAN = 0.286;
const STD = 0.353;
const IMAGES = 1024;
const BATCH = 256;
const REPEATS = 5;

function weights(): Map<string, { dims: number[]; values: Float32Array }> {
  const decoded = decodeModel(fs.readFileSync(FILE));
  if (!decoded.ok) throw new Error(decoded.message);
  const out = new Map<string, { dims: number[]; values: Float32Array }>();
  for (const t of decoded.model.graph!.initializer! as onnx.ITensorProto[]) {
    const raw = t.rawData!;
    const values = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    out.set(t.name!, { dims: (t.dims ?? []).map(Number), values });
  }
  return out;
}

/** conv32-pool-conv64-pool-fc128-fc10 in TF.js (NHWC) with PyTorch's weights; fc1's rows reordered from CHW to HWC. */
function tfjsTwin(): tf.Sequential {
  const w = weights();
  const get = (name: string): { dims: number[]; values: Float32Array } => w.get(name)!;
  const conv = (name: string): tf.Tensor[] => {
    const k = get(`${name}.weight`);
    return [tf.tensor(k.values, k.dims).transpose([2, 3, 1, 0]), tf.tensor(get(`${name}.bias`).values)];
  };
  const fc1 = get('fc1.weight');
  const fc1Kernel = tf.tensor(fc1.values, [128, 64, 7, 7]).transpose([2, 3, 1, 0]).reshape([3136, 128]);
  const fc2 = get('fc2.weight');
  const model = tf.sequential();
  model.add(
    tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }),
  );
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 128, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 10 }));
  model.layers[0]!.setWeights(conv('conv1'));
  model.layers[2]!.setWeights(conv('conv2'));
  model.layers[5]!.setWeights([fc1Kernel, tf.tensor(get('fc1.bias').values)]);
  model.layers[6]!.setWeights([tf.tensor(fc2.values, fc2.dims).transpose(), tf.tensor(get('fc2.bias').values)]);
  return model;
}

function tfjsLogits(model: tf.Sequential, x: Float32Array): Float32Array {
  const out: Float32Array[] = [];
  for (let start = 0; start < IMAGES; start += BATCH) {
    out.push(
      tf.tidy(() => {
        const batch = tf.tensor(x.subarray(start * 784, (start + BATCH) * 784), [BATCH, 28, 28, 1]);
        return (model.predict(batch.sub(MEAN).div(STD)) as tf.Tensor).dataSync() as Float32Array;
      }),
    );
  }
  const joined = new Float32Array(IMAGES * 10);
  out.forEach((part, i) => joined.set(part, i * BATCH * 10));
  return joined;
}

const rate = (ms: number): string => `${Math.round((IMAGES / ms) * 1000).toLocaleString('en-US')}`;
const maxDiff = (a: Float32Array, b: Float32Array): number =>
  a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

async function main(): Promise<void> {
  const data = loadBundled('fashion-mnist');
  // The first IMAGES images with finite pixels (the package holds an empty record, which reads as NaN).
  const x = new Float32Array(IMAGES * 784);
  for (let row = 0, kept = 0; kept < IMAGES; row++) {
    const image = data.x.rows([row]);
    if (image.every(Number.isFinite)) x.set(image, kept++ * 784);
  }
  const rows: string[][] = [];
  const teacher = await OnnxTeacher.open({
    file: FILE,
    shown: 'fashion-cnn.onnx',
    input: { layout: 'nchw', mean: [MEAN], std: [STD] },
    dataShape: [28, 28, 1],
    classes: 10,
    hintValues: [],
  });
  const reference = (await teacher.run(x, false)).logits;
  const onnxTimes = await timeRepeatedAsync(async () => {
    await teacher.run(x, false);
  }, REPEATS);
  await teacher.release();
  rows.push(['onnxruntime-node (CPU)', rate(median(onnxTimes)), `${median(onnxTimes).toFixed(0)} ms`, '(reference)']);
  for (const backend of ['tensorflow', 'wasm', 'cpu'] as const) {
    const choice = await selectBackend(backend).catch(() => undefined);
    if (!choice || choice.name !== backend) {
      rows.push([`TF.js ${backend}`, 'not available', '', choice ? `(fell back to ${choice.name})` : '']);
      continue;
    }
    const model = tfjsTwin();
    const logits = tfjsLogits(model, x);
    const times = timeRepeated(() => void tfjsLogits(model, x), backend === 'cpu' ? 2 : REPEATS, 1);
    rows.push([
      `TF.js ${backend}`,
      rate(median(times)),
      `${median(times).toFixed(0)} ms`,
      maxDiff(logits, reference).toExponential(1),
    ]);
    model.dispose();
  }
  process.stdout.write(
    `Teacher inference on ${IMAGES} Fashion-MNIST images, batch ${BATCH}, median of repeated runs:\n`,
  );
  printTable(['runtime', 'images/s', `per ${IMAGES}`, 'max |logit diff| vs onnxruntime'], rows);
}

void main();
