/**
 * A tabular teacher "trained elsewhere", made here: softmax regression fitted on the penguins' encoded raw
 * features (islands and sexes one-hot, measurements in mm and g) normalised with its own per-feature mean and std,
 * as a scikit-learn or PyTorch pipeline would, exported as an ONNX Gemm through onnx-proto. The normalisation is
 * not in the graph: like the PyTorch teacher's, it is stated in `teacher.input`.
 */
import { encodeModel, floatTensor, floatValue, node } from '../../src/core/onnx/encode';
import { loadBundled } from '../../src/trainer/data/bundled';
import { readAll } from '../../src/trainer/data/dataset';

export interface TabularTeacher {
  readonly bytes: Uint8Array;
  readonly mean: number[];
  readonly std: number[];
  /** Logits of encoded raw feature rows (flat [n, features]), computed in float64 from the fitted weights. */
  logitsOfRaw(raw: Float32Array): Float64Array;
  /** Accuracy of the fitted model over every penguin. */
  readonly accuracy: number;
}

export function penguinsTeacher(): TabularTeacher {
  const data = loadBundled('penguins');
  const x = readAll(data.x);
  const features = data.inputShape[0]!;
  const classes = data.classNames.length;
  const rows = data.y.length;
  const mean = Array.from({ length: features }, (_, j) => {
    let sum = 0;
    for (let i = 0; i < rows; i++) sum += x[i * features + j]!;
    return sum / rows;
  });
  const std = mean.map((m, j) => {
    let sum = 0;
    for (let i = 0; i < rows; i++) sum += (x[i * features + j]! - m) ** 2;
    return Math.sqrt(sum / rows);
  });
  const normalised = Float64Array.from(x, (v, k) => (v - mean[k % features]!) / std[k % features]!);
  const weights = new Float64Array(features * classes);
  const bias = new Float64Array(classes);
  const scores = (rows: ArrayLike<number>, row: number, c: number): number => {
    let z = bias[c]!;
    for (let j = 0; j < features; j++) z += rows[row * features + j]! * weights[j * classes + c]!;
    return z;
  };
  // Full-batch gradient descent on the cross-entropy: deterministic, converges well within these steps.
  for (let step = 0; step < 300; step++) {
    const gradW = new Float64Array(weights.length);
    const gradB = new Float64Array(classes);
    for (let i = 0; i < rows; i++) {
      const z = Array.from({ length: classes }, (_, c) => scores(normalised, i, c));
      const top = Math.max(...z);
      const e = z.map((v) => Math.exp(v - top));
      const total = e.reduce((a, b) => a + b, 0);
      for (let c = 0; c < classes; c++) {
        const g = (e[c]! / total - (data.y[i] === c ? 1 : 0)) / rows;
        gradB[c]! += g;
        for (let j = 0; j < features; j++) gradW[j * classes + c]! += g * normalised[i * features + j]!;
      }
    }
    weights.forEach((_, k) => (weights[k]! -= 0.5 * gradW[k]!));
    bias.forEach((_, c) => (bias[c]! -= 0.5 * gradB[c]!));
  }
  const logitsOfRaw = (raw: Float32Array): Float64Array => {
    const n = raw.length / features;
    const rows = Float64Array.from(raw, (v, k) => (v - mean[k % features]!) / std[k % features]!);
    return Float64Array.from({ length: n * classes }, (_, k) => scores(rows, Math.floor(k / classes), k % classes));
  };
  const all = logitsOfRaw(x);
  let correct = 0;
  for (let i = 0; i < rows; i++) {
    const row = Array.from(all.subarray(i * classes, (i + 1) * classes));
    if (row.indexOf(Math.max(...row)) === data.y[i]) correct++;
  }
  const bytes = encodeModel({
    graphName: 'penguins-softmax-regression',
    nodes: [node('Gemm', ['features', 'weights', 'bias'], ['logits'])],
    initializers: [
      floatTensor('weights', [features, classes], Float32Array.from(weights)),
      floatTensor('bias', [classes], Float32Array.from(bias)),
    ],
    inputs: [floatValue('features', ['batch', features])],
    outputs: [floatValue('logits', ['batch', classes])],
    producerVersion: 'test',
    metadata: {},
  });
  return { bytes, mean, std, logitsOfRaw, accuracy: correct / rows };
}
