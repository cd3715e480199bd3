/**
 * Every layer kind `student.layers` allows, exported and run by the runtimes a user would use: the TF.js
 * export through stock tf.loadLayersModel over HTTP, the ONNX export through onnxruntime. Float exports
 * match the in-process model (max |logit difference| < 1e-4); float16 and int8/int4 ONNX exports hold the
 * very values the run's quantizer makes (int8/int4 as INT8 integers, Cast and a per-channel Mul that onnxruntime
 * folds at load) and give its logits in a default onnxruntime session (< 1e-5); the converter's uint8 mapping keeps zeros exactly zero.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import type { LayerSpec } from '../../../src/core/config/types';
import { type QuantDtype, quantizeTensor } from '../../../src/trainer/compress/quantize';
import { affineDequantize, affineQuantize } from '../../../src/trainer/export/converter-quantization';
import { OnnxType } from '../../../src/core/onnx/encode';
import { onnx } from '../../../src/core/onnx/onnx-proto';
import { toNchw } from '../../../src/trainer/export/measure-export';
import { ONNX_INPUT, ONNX_OUTPUT, onnxModelOf } from '../../../src/trainer/export/onnx-graph';
import { tfjsArtifacts } from '../../../src/trainer/export/tfjs-export';
import { buildModel } from '../../../src/trainer/model/build-model';
import { createRandom } from '../../../src/core/random/mulberry32';
import { tempDir, useTrainerBackend } from '../helpers';
import { serveFolder, type ServedFolder } from './serve-folder';

const IMAGE: readonly number[] = [12, 12, 3];
const act = (activation: string): { activation: never } => ({ activation: activation as never });
/** Every kind and activation, with strides, both paddings and both pooling kinds. */
const CONV_STUDENT: LayerSpec[] = [
  { type: 'conv2d', filters: 6, kernel_size: 3, strides: 2, padding: 'same', ...act('relu6'), name: 'c1' },
  { type: 'batch_normalization', name: 'bn1' },
  { type: 'conv2d', filters: 5, kernel_size: 2, strides: 1, padding: 'valid', ...act('elu'), name: 'c2' },
  { type: 'max_pooling2d', pool_size: 2, strides: 1, name: 'p1' },
  { type: 'conv2d', filters: 4, kernel_size: 3, strides: 1, padding: 'same', ...act('gelu'), name: 'c3' },
  { type: 'average_pooling2d', pool_size: 2, name: 'p2' },
  { type: 'dropout', rate: 0.2, name: 'd1' },
  { type: 'flatten', name: 'f1' },
  { type: 'dense', units: 9, use_bias: true, ...act('swish'), name: 'h1' },
  { type: 'batch_normalization', name: 'bn2' },
  { type: 'dense', units: 7, use_bias: false, ...act('selu'), name: 'h2' },
  { type: 'dense', units: 7, use_bias: true, ...act('softplus'), name: 'h3' },
  { type: 'dense', units: 6, use_bias: true, ...act('tanh'), name: 'h4' },
  { type: 'dense', units: 6, use_bias: true, ...act('sigmoid'), name: 'h5' },
  { type: 'dense', units: 5, use_bias: true, ...act('softmax'), name: 'h6' },
  { type: 'dense', units: 4, use_bias: true, ...act('linear'), name: 'logits' },
];
const GAP_STUDENT: LayerSpec[] = [
  { type: 'conv2d', filters: 8, kernel_size: 3, strides: 1, padding: 'same', ...act('relu'), name: 'c1' },
  { type: 'global_average_pooling2d', name: 'gap' },
  { type: 'dense', units: 4, use_bias: true, ...act('linear'), name: 'logits' },
];
/** Dense on an image: the builder flattens first (NHWC order), which the ONNX graph must reproduce from NCHW. */
const DENSE_ON_IMAGE: LayerSpec[] = [
  { type: 'dense', units: 10, use_bias: true, ...act('relu'), name: 'hidden' },
  { type: 'dense', units: 4, use_bias: true, ...act('linear'), name: 'logits' },
];

let served: ServedFolder;
const root = tempDir('export-kinds');
before(async () => {
  await useTrainerBackend();
  served = await serveFolder(root);
});
after(() => served.close());

/** A model with every weight random (moving statistics too, so batch normalisation is not the identity). */
function randomModel(layers: LayerSpec[], seed: number): tf.LayersModel {
  const model = buildModel(layers, IMAGE, 4, seed, 'student');
  const random = createRandom(seed);
  model.setWeights(
    model.weights.map((w) => {
      const size = (w.shape as number[]).reduce((a, b) => a * b, 1);
      const values = Float32Array.from({ length: size }, () => random() * 2 - 1);
      // Variances must be positive; some zeros everywhere else, as pruning leaves them.
      const isVariance = w.originalName.includes('moving_variance');
      return tf.tensor(
        values.map((v, i) => (isVariance ? 0.5 + Math.abs(v) : i % 5 === 0 ? 0 : v)),
        w.shape as number[],
      );
    }),
  );
  return model;
}

function images(count: number, seed: number): Float32Array {
  const random = createRandom(seed);
  return Float32Array.from({ length: count * IMAGE.reduce((a, b) => a * b, 1) }, () => random());
}

function predict(model: tf.LayersModel, x: Float32Array): Float32Array {
  return tf.tidy(
    () => (model.predict(tf.tensor(x, [x.length / 432, ...IMAGE])) as tf.Tensor).dataSync() as Float32Array,
  );
}

async function runOnnx(bytes: Uint8Array, x: Float32Array): Promise<Float32Array> {
  const file = path.join(root, `model-${Math.random().toString(36).slice(2)}.onnx`);
  fs.writeFileSync(file, bytes);
  const session = await ort.InferenceSession.create(file);
  try {
    const input = new ort.Tensor('float32', toNchw(x, IMAGE), [x.length / 432, IMAGE[2]!, IMAGE[0]!, IMAGE[1]!]);
    return (await session.run({ [ONNX_INPUT]: input }))[ONNX_OUTPUT]!.data as Float32Array;
  } finally {
    await session.release();
  }
}

async function loadStock(model: tf.LayersModel, dtype: QuantDtype | undefined, name: string): Promise<tf.LayersModel> {
  const artifacts = await tfjsArtifacts(model, dtype);
  fs.mkdirSync(path.join(root, name), { recursive: true });
  fs.writeFileSync(path.join(root, name, 'model.json'), JSON.stringify(artifacts.modelJson));
  fs.writeFileSync(path.join(root, name, 'weights.bin'), artifacts.weights);
  return tf.loadLayersModel(`${served.url}/${name}/model.json`);
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length);
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
}

/** The in-process model with its weights as the run's quantizer stores them (what the run evaluates). */
function quantizedCopy(model: tf.LayersModel, layers: LayerSpec[], dtype: QuantDtype): tf.LayersModel {
  const copy = buildModel(layers, IMAGE, 4, 1, 'quantized');
  copy.setWeights(
    model.weights.map((w) => {
      const q = quantizeTensor(
        w.originalName,
        w.shape as number[],
        w.read().dataSync() as Float32Array,
        dtype,
        /kernel$/.test(w.originalName),
      );
      return tf.tensor(q.dequantized, w.shape as number[]);
    }),
  );
  return copy;
}

for (const [name, layers] of [
  ['conv student with every layer kind and activation', CONV_STUDENT],
  ['conv student with global average pooling', GAP_STUDENT],
  ['dense student on image input', DENSE_ON_IMAGE],
] as const) {
  void test(`${name}: float32 TF.js (stock loader) and ONNX (onnxruntime) match the in-process model`, async () => {
    const model = randomModel([...layers], 3);
    const x = images(16, 4);
    const expected = predict(model, x);
    const stock = await loadStock(model, undefined, `${name.replace(/\W+/g, '-')}-float`);
    assert.ok(maxDiff(predict(stock, x), expected) < 1e-4, 'TF.js export');
    const onnx = onnxModelOf(model, undefined, {}, 'test');
    assert.ok(
      maxDiff(await runOnnx(onnx.bytes, x), expected) < 1e-4,
      `ONNX export: ${maxDiff(await runOnnx(onnx.bytes, x), expected)}`,
    );
    assert.equal(onnx.layout, 'nchw');
    assert.deepEqual(onnx.inputShape, ['batch', 3, 12, 12]);
  });
}

/** Every kernel is an INT8 initializer, Cast to float, times per-channel scales shaped to broadcast; no DequantizeLinear. */
function assertFoldableIntegerKernels(bytes: Uint8Array, model: tf.LayersModel): void {
  const graph = onnx.ModelProto.decode(bytes).graph!;
  assert.ok(!graph.node!.some((n) => n.opType === 'DequantizeLinear'), 'no DequantizeLinear node');
  const initializer = (name: string) => graph.initializer!.find((t) => t.name === name);
  const kernels = model.layers.filter((l) => ['Dense', 'Conv2D'].includes(l.getClassName()));
  assert.ok(kernels.length > 0);
  for (const layer of kernels) {
    const name = `${layer.name}/kernel`;
    const mul = graph.node!.find((n) => n.output![0] === name);
    assert.equal(mul?.opType, 'Mul', `${name} is a Mul`);
    const cast = graph.node!.find((n) => n.output![0] === mul.input![0]);
    assert.equal(cast?.opType, 'Cast', `${name}: Cast of the integers`);
    assert.equal(initializer(cast.input![0]!)?.dataType, OnnxType.INT8, `${name}: stored as INT8`);
    const scale = initializer(mul.input![1]!);
    const out = layer.getWeights()[0]!.shape.at(-1)!;
    const expectedDims = layer.getClassName() === 'Conv2D' ? [out, 1, 1, 1] : [out];
    assert.deepEqual(scale?.dims?.map(Number), expectedDims, `${name}: scale shape`);
    assert.equal(scale?.dataType, OnnxType.FLOAT);
  }
}

for (const dtype of ['float16', 'int8', 'int4'] as const) {
  void test(`${dtype}: the ONNX export holds the run's quantized values and is smaller than float32`, async () => {
    const model = randomModel(CONV_STUDENT, 5);
    const x = images(16, 6);
    const quantized = quantizedCopy(model, CONV_STUDENT, dtype);
    const expected = predict(quantized, x);
    const onnx = onnxModelOf(model, dtype, {}, 'test');
    const float = onnxModelOf(model, undefined, {}, 'test');
    // A user's default session (every graph optimisation) gives the run's quantized model's logits: the weights
    // fold into float at load, with no lossy rewrite (DequantizeLinear weights were fused into an integer kernel).
    const shipped = await runOnnx(onnx.bytes, x);
    assert.ok(maxDiff(shipped, expected) < 1e-5, `default session: ${maxDiff(shipped, expected)}`);
    if (dtype !== 'float16') assertFoldableIntegerKernels(onnx.bytes, model);
    // (This student is mostly biases and names; the at-most-30% check runs on a realistic one, in runs.test.ts.)
    assert.ok(onnx.bytes.byteLength < float.bytes.byteLength, `${onnx.bytes.byteLength} < ${float.bytes.byteLength}`);
    const stock = await loadStock(model, dtype, `conv-${dtype}`);
    const fromFile = predict(stock, x);
    if (dtype === 'float16') assert.ok(maxDiff(fromFile, expected) < 1e-4, 'float16 maps exactly onto the converter');
    else {
      assert.ok(fromFile.every(Number.isFinite), 'the uint8 TF.js export loads and predicts');
      // Its kernels are the run's quantized values (not the float ones), to within half a uint8 step per tensor.
      const run = quantized.getWeights();
      stock.getWeights().forEach((w, i) => {
        if (!/kernel$/.test(model.weights[i]!.originalName)) return;
        const values = run[i]!.dataSync() as Float32Array;
        const step = (Math.max(0, ...values) - Math.min(0, ...values)) / 255;
        const diff = maxDiff(w.dataSync() as Float32Array, values);
        assert.ok(diff <= step / 2 + 1e-6, `${dtype} ${model.weights[i]!.originalName}: ${diff} > ${step / 2}`);
      });
    }
  });
}

void test('the converter mapping (uint8, one affine scale per tensor) keeps pruned zeros exactly zero', async () => {
  const values = Float32Array.from([0, -0.31, 0.7, 0, 1.9, -2.2, 0, 0.0001]);
  const q = affineQuantize(values, 'uint8');
  const decoded = affineDequantize(q);
  values.forEach((v, i) => {
    if (v === 0) assert.equal(decoded[i], 0);
    else assert.ok(Math.abs(decoded[i]! - v) <= q.scale / 2 + 1e-7);
  });
  // And through the stock loader: every zero of a kernel decodes to zero.
  const model = randomModel(DENSE_ON_IMAGE, 8);
  const stock = await loadStock(model, 'int8', 'pruned-zeros');
  const original = model.getWeights()[0]!.dataSync();
  const loaded = stock.getWeights()[0]!.dataSync();
  const zeroAt = [...original.keys()].filter((i) => original[i] === 0);
  assert.ok(zeroAt.length > 0);
  assert.ok(
    zeroAt.every((i) => loaded[i] === 0),
    'every pruned weight decodes to exactly 0',
  );
});
