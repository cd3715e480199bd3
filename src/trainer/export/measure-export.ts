/**
 * Loads an exported file back with the runtime a user would use and measures it on the test split:
 * the TF.js export through tf.loadLayersModel (its own manifest decoding, quantized weights included), the
 * ONNX export through an onnxruntime session on the file. Nothing here reuses the in-process model.
 */
import type { Latency } from '../../core/protocol/report';
import { type Dataset, indexRange, inferenceBatchRows } from '../data/dataset';
import { agreement } from '../eval/calibration';
import { accuracyOf } from '../eval/classification-metrics';
import { medianLatency } from '../eval/interleaved-timing';
import { latencySample } from '../eval/latency';
import { timeModelFiles } from '../eval/shipped-latency';
import { argmaxRows } from '../eval/probabilities';
import { loadModel } from '../model/model-files';
import type { InferenceSession } from 'onnxruntime-node';
import { loadOnnxRuntime } from '../onnx/runtime';
import { predictAll } from '../train/predict';
import { ONNX_INPUT, ONNX_OUTPUT } from './onnx-graph';

export interface FileMeasures {
  readonly logits: Float32Array;
  readonly latency: Latency;
}

export interface Reference {
  readonly test: Dataset;
  /** Logits of the in-process final student and of the teacher on the test split. */
  readonly studentLogits: Float32Array;
  readonly teacherLogits: Float32Array;
  readonly batchSize: number;
}

export function compareLogits(
  measured: FileMeasures,
  reference: Reference,
): { accuracy: number; agreement: number; fidelity: { agreement: number; max_logit_diff: number } } {
  const classes = reference.test.classNames.length;
  const predicted = argmaxRows(measured.logits, classes);
  let maxDiff = 0;
  measured.logits.forEach((v, i) => {
    maxDiff = Math.max(maxDiff, Math.abs(v - reference.studentLogits[i]!));
  });
  return {
    accuracy: accuracyOf(reference.test.y, predicted),
    agreement: agreement(argmaxRows(reference.teacherLogits, classes), predicted),
    fidelity: {
      agreement: agreement(argmaxRows(reference.studentLogits, classes), predicted),
      max_logit_diff: maxDiff,
    },
  };
}

export async function measureTfjsFile(modelJson: string, shown: string, reference: Reference): Promise<FileMeasures> {
  const { model } = await loadModel(modelJson, shown);
  try {
    const { test } = reference;
    const logits = predictAll(model, test.x, test.inputShape)[0]!;
    // Timed by the one method of the shipped files' latency (warm-up until the times settle): `distillery export`
    // often runs in a fresh process, where a fixed few warm-up calls would time a cold process, not the model.
    const timing = await timeModelFiles([{ path: modelJson, shown }], {
      sample: latencySample(test.x, reference.batchSize),
      inputShape: test.inputShape,
      batchSize: reference.batchSize,
    });
    const timed = timing.timed[0]!;
    const latency = { batch1_ms: timed.batch1.median, batched_ms: timed.batched.median, batch_size: timing.batchSize };
    return { logits, latency };
  } finally {
    model.dispose();
  }
}

/** NHWC rows (how the data is held) -> NCHW rows (the ONNX export's input). */
export function toNchw(x: Float32Array, shape: readonly number[]): Float32Array {
  const [h, w, c] = shape as [number, number, number];
  const size = h * w * c;
  const out = new Float32Array(x.length);
  for (let base = 0; base < x.length; base += size)
    for (let y = 0; y < h; y++)
      for (let xx = 0; xx < w; xx++)
        for (let k = 0; k < c; k++) out[base + k * h * w + y * w + xx] = x[base + (y * w + xx) * c + k]!;
  return out;
}

/**
 * The ONNX file is measured as a user's default session runs it: onnxruntime's full graph optimisations. Those
 * can change a file's logits (they rewrote the DequantizeLinear + Gemm of earlier int8/int4 exports into a lossy
 * fused form: max logit difference 0.05-0.08 on the MNIST demo; the Cast + Mul weights written now fold exactly).
 * The report names the level and, for ONNX files, adds the measure without optimisations
 * (`without_graph_optimisations`), which tells a rewrite apart from the file's own values.
 */
export const ONNX_MEASURED_OPTIMISATION = 'default graph optimisations';

/** The session a user's default onnxruntime-node session is: the CPU execution provider, every graph optimisation. */
export const SHIPPED_ONNX_SESSION = { executionProviders: ['cpu'], graphOptimizationLevel: 'all' } as const;

/** Runs flat NHWC/feature rows through the session: the file's layout (NCHW for images) and batch shape. */
export interface OnnxRunner {
  readonly run: (rows: Float32Array) => Promise<Float32Array>;
  /** Values per example. */
  readonly width: number;
  readonly inLayout: (rows: Float32Array) => Float32Array;
}

export function onnxRunner(session: InferenceSession, inputShape: readonly number[]): OnnxRunner {
  const ort = loadOnnxRuntime();
  const image = inputShape.length === 3;
  const dims = image ? [inputShape[2]!, inputShape[0]!, inputShape[1]!] : [...inputShape];
  const inLayout = (rows: Float32Array): Float32Array => (image ? toNchw(rows, inputShape) : rows);
  const width = dims.reduce((a, b) => a * b, 1);
  const run = async (rows: Float32Array): Promise<Float32Array> => {
    const feeds = { [ONNX_INPUT]: new ort.Tensor('float32', rows, [rows.length / width, ...dims]) };
    const out = await session.run(feeds);
    return out[ONNX_OUTPUT]!.data as Float32Array;
  };
  return { run, width, inLayout };
}

async function onnxTestLogits(runner: OnnxRunner, test: Dataset): Promise<Float32Array> {
  const count = test.x.count;
  const logits = new Float32Array(count * test.classNames.length);
  const step = inferenceBatchRows(test.x.width, 256);
  for (let start = 0; start < count; start += step) {
    const rows = runner.inLayout(test.x.rows(indexRange(start, Math.min(count, start + step))));
    logits.set(await runner.run(rows), start * test.classNames.length);
  }
  return logits;
}

export async function measureOnnxFile(file: string, reference: Reference): Promise<FileMeasures> {
  const session = await loadOnnxRuntime().InferenceSession.create(file, {
    executionProviders: [...SHIPPED_ONNX_SESSION.executionProviders],
    graphOptimizationLevel: SHIPPED_ONNX_SESSION.graphOptimizationLevel,
  });
  try {
    const { test } = reference;
    const runner = onnxRunner(session, test.inputShape);
    const logits = await onnxTestLogits(runner, test);
    const sample = runner.inLayout(latencySample(test.x, reference.batchSize));
    const latency = await medianLatency(
      async (rows) => void (await runner.run(rows)),
      sample,
      runner.width,
      reference.batchSize,
    );
    return { logits, latency };
  } finally {
    await session.release();
  }
}

/** The test-split logits of the same file with every graph optimisation disabled (no latency: the shipped one is above). */
export async function onnxLogitsUnoptimised(file: string, reference: Reference): Promise<Float32Array> {
  const session = await loadOnnxRuntime().InferenceSession.create(file, { graphOptimizationLevel: 'disabled' });
  try {
    return await onnxTestLogits(onnxRunner(session, reference.test.inputShape), reference.test);
  } finally {
    await session.release();
  }
}
