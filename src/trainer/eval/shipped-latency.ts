/**
 * Latency of shipped TF.js files (report.json `shipped_latency`): each file loaded with tf.loadLayersModel as a
 * user would, untimed warm-up calls, then timed calls at batch 1 and batched, the models taking turns call by
 * call so that a machine busy with something else slows them alike; the median per model. The report's numbers
 * are timed in a fresh process that loads only stock TF.js and the backend (measureShippedFiles below), not in the
 * trainer, whose process has Distillery's wasm kernels registered.
 */
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { ExportResult } from '../../core/protocol/report';
import { MODEL_DIRS } from '../../core/runs/layout';
import {
  compareSteps,
  type ShippedLatency,
  type ShippedModelLatency,
  type ShippedRole,
} from '../../core/protocol/shipped-latency';
import { onnxModelOf } from '../export/onnx-graph';
import { layersModelFrom, loadModel, readModelFiles } from '../model/model-files';
import { describeFailure } from '../run/errors';
import { batchRows } from './latency';
import { SHIPPED_REPETITIONS, type TimedFile, timeAtBothBatches } from './interleaved-timing';
import type { OnnxSource } from './onnx-latency';
import { type CleanProcessOptions, isStockBackend, timeInCleanProcess } from './shipped-latency-process';

export interface ShippedFile {
  readonly role: ShippedRole;
  /** The model.json as the report names it (relative to the run directory) and its path on disk. */
  readonly shown: string;
  readonly path: string;
  /**
   * The step as ONNX, when the run has an ONNX export: the export's .onnx file for the final step; for the steps
   * before it (`encoded`), their model.json above, encoded in memory by the run's ONNX exporter.
   */
  readonly onnx?: { readonly shown: string; readonly path: string; readonly encoded: boolean };
}

export interface LatencyInput {
  /** Example rows (flat) the calls are made on, of `inputShape` each. */
  readonly sample: Float32Array;
  readonly inputShape: readonly number[];
  /** The batched measure's batch size (at most 256, as for every latency a report quotes). */
  readonly batchSize: number;
}

function timeCall(model: tf.LayersModel, input: tf.Tensor): number {
  const started = performance.now();
  tf.tidy(() => {
    (model.predict(input) as tf.Tensor).dataSync();
  });
  return performance.now() - started;
}

/**
 * Loads each TF.js model.json (`path` on disk, `shown` in messages) and times them all together: warm-up until the
 * times settle, then `repetitions` calls each at batch 1 and batched, the models taking turns. Also what the
 * benchmarks measure. `warmup`: the untimed calls made per model at each batch size.
 */
export async function timeModelFiles(
  files: readonly { readonly path: string; readonly shown: string }[],
  input: LatencyInput,
  repetitions: number = SHIPPED_REPETITIONS,
): Promise<{ batchSize: number; warmup: number; timed: TimedFile[] }> {
  const loaded: { model: tf.LayersModel; bytes: number }[] = [];
  const width = input.inputShape.reduce((a, b) => a * b, 1);
  const { batch, rows } = batchRows(input.sample, width, input.batchSize);
  const one = tf.tensor(input.sample.subarray(0, width), [1, ...input.inputShape]);
  const many = tf.tensor(rows, [batch, ...input.inputShape]);
  try {
    for (const file of files) {
      const read = readModelFiles(file.path, file.shown);
      const bytes = Buffer.byteLength(read.text) + read.fileSizes.reduce((a, b) => a + b, 0);
      loaded.push({ model: (await layersModelFrom(read, file.shown)).model, bytes });
    }
    const { warmup, timed } = await timeAtBothBatches(
      loaded.map(({ model, bytes }) => ({ bytes, one: () => timeCall(model, one), many: () => timeCall(model, many) })),
      batch,
      repetitions,
    );
    return { batchSize: batch, warmup, timed };
  } finally {
    for (const { model } of loaded) model.dispose();
    one.dispose();
    many.dispose();
  }
}

/**
 * The report's `shipped_latency` of the steps' files, in step order, each compared with the one before: timed in a
 * fresh process with stock TF.js on this process's backend (eval/shipped-latency-process).
 */
export async function measureShippedFiles(
  files: readonly ShippedFile[],
  input: LatencyInput,
  repetitions: number = SHIPPED_REPETITIONS,
  options: CleanProcessOptions = {},
): Promise<ShippedLatency> {
  const backend = tf.getBackend();
  if (!isStockBackend(backend)) throw new Error(`no stock TF.js backend is named ${backend}`);
  const onnx = await onnxSourcesOf(files);
  const reply = await timeInCleanProcess(
    {
      backend,
      files: files.map(({ path: file, shown }) => ({ path: file, shown })),
      sample: input.sample,
      inputShape: input.inputShape,
      batchSize: input.batchSize,
      repetitions,
      ...('sources' in onnx ? { onnx: onnx.sources } : {}),
    },
    options,
  );
  const onnxReply = 'error' in onnx ? ({ kind: 'failed', error: onnx.error } as const) : reply.onnx;
  return {
    runtime: reply.runtime,
    backend: reply.backend,
    process: 'fresh',
    warmup: reply.warmup,
    repetitions,
    batch_size: reply.batchSize,
    models: comparedSteps(files, reply.timed, (file) => file),
    ...(onnxReply?.kind === 'timed'
      ? {
          onnx: {
            runtime: onnxReply.runtime,
            execution_provider: onnxReply.executionProvider,
            graph_optimization: onnxReply.graphOptimization,
            warmup: onnxReply.warmup,
            models: comparedSteps(files, onnxReply.timed, (file) => file.onnx!),
          },
        }
      : {}),
    ...(onnxReply?.kind === 'failed' ? { onnx_unmeasured: onnxReply.error } : {}),
  };
}

/** The timed files in step order, each compared with the one before. */
function comparedSteps(
  files: readonly ShippedFile[],
  timed: readonly TimedFile[],
  fileOf: (file: ShippedFile) => { readonly shown: string; readonly encoded?: boolean },
): ShippedModelLatency[] {
  const measured: ShippedModelLatency[] = [];
  timed.forEach(({ bytes, batch1, batched }, i) => {
    const { shown, encoded } = fileOf(files[i]!);
    const model = {
      role: files[i]!.role,
      file: shown,
      bytes,
      batch1_ms: batch1.median,
      batched_ms: batched.median,
      batch1_iqr_ms: batch1.iqr,
      batched_iqr_ms: batched.iqr,
      ...(encoded ? { encoded } : {}),
    };
    measured.push(compareSteps(model, measured[i - 1]));
  });
  return measured;
}

/**
 * The ONNX models the timing process opens: the export's file as it is, the steps without one encoded here (the
 * process then times the exporter's bytes). Nothing when a step has no ONNX form; an error that stops only them.
 */
async function onnxSourcesOf(files: readonly ShippedFile[]): Promise<{ sources?: OnnxSource[] } | { error: string }> {
  if (!files.length || !files.every((f) => f.onnx)) return {};
  const sources: OnnxSource[] = [];
  try {
    for (const { onnx } of files) {
      if (!onnx!.encoded) {
        sources.push({ shown: onnx!.shown, path: onnx!.path });
        continue;
      }
      const { model } = await loadModel(onnx!.path, onnx!.shown);
      try {
        sources.push({
          shown: onnx!.shown,
          bytes: onnxModelOf(model, undefined, {}, `tfjs-layers ${tf.version_layers}`).bytes,
        });
      } finally {
        model.dispose();
      }
    }
    return { sources };
  } catch (error) {
    return { error: `the steps cannot be encoded as ONNX: ${describeFailure(error).error}` };
  }
}

/**
 * measureShippedFiles, with a failure of the timing process turned into the run's warning: the latency is then
 * absent and every other result is kept (`distillery export RUN_DIR` measures it again).
 */
export async function measureShippedFilesOrWarn(
  files: readonly ShippedFile[],
  input: LatencyInput,
  options: CleanProcessOptions = {},
): Promise<{ latency?: ShippedLatency; warning?: string }> {
  try {
    return { latency: await measureShippedFiles(files, input, SHIPPED_REPETITIONS, options) };
  } catch (error) {
    const failure = describeFailure(error);
    return {
      warning: `Shipped latency not measured: ${failure.error.replace(/\.?$/, '.')}${failure.hint ? ` ${failure.hint}` : ''}`,
    };
  }
}

/**
 * The shipped file of each step, in step order, with its ONNX form when the run has an ONNX export; undefined
 * without a TF.js export. `dirs`: a step's model folder
 * where it is not the run's folder of that role (an accuracy-aware search's chosen point in search/<point>/).
 */
export function shippedFiles(
  steps: readonly ShippedRole[],
  exports: readonly ExportResult[],
  resolve: (file: string) => string,
  dirs: Partial<Record<ShippedRole, string>> = {},
): ShippedFile[] | undefined {
  const tfjs = exports.find((e) => e.format === 'tfjs');
  const onnxExport = exports.find((e) => e.format === 'onnx');
  if (!tfjs) return undefined;
  return steps.map((role, i) => {
    const last = i === steps.length - 1;
    const shown = last ? tfjs.path : path.posix.join(dirs[role] ?? MODEL_DIRS[role], 'model.json');
    const onnxShown = last ? onnxExport?.path : shown;
    const onnx = onnxShown ? { shown: onnxShown, path: resolve(onnxShown), encoded: !last } : undefined;
    return { role, shown, path: resolve(shown), ...(onnx ? { onnx } : {}) };
  });
}
