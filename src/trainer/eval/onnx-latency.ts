/**
 * Latency of shipped ONNX files (report.json `shipped_latency.onnx`): each file opened in an onnxruntime-node
 * session as a user's default session opens it (SHIPPED_ONNX_SESSION: CPU execution provider, every graph
 * optimisation) and timed by the same method as the TF.js files (eval/interleaved-timing): warm-up until the times
 * settle, the models
 * taking turns call by call, median and spread, at batch 1 and batched. A step that has no .onnx file of its own
 * (the student and pruned model of a run, saved as TF.js) arrives as the bytes the run's ONNX exporter makes of it.
 */
import * as fs from 'node:fs';
import type { InferenceSession } from 'onnxruntime-node';
import { onnxRunner, SHIPPED_ONNX_SESSION } from '../export/measure-export';
import { loadOnnxRuntime, onnxRuntimeVersion } from '../onnx/runtime';
import { SHIPPED_REPETITIONS, type TimedFile, timeAtBothBatches } from './interleaved-timing';
import { batchRows } from './latency';
import type { LatencyInput } from './shipped-latency';

/** An ONNX model to time: a file on disk, or the exporter's bytes of a step without one; `shown` names it in messages. */
export type OnnxSource =
  { readonly shown: string; readonly path: string } | { readonly shown: string; readonly bytes: Uint8Array };

export interface OnnxTimed {
  /** e.g. "onnxruntime-node 1.30.0". */
  readonly runtime: string;
  readonly executionProvider: string;
  readonly graphOptimization: string;
  readonly batchSize: number;
  /** Untimed calls made per model at each batch size, until the times settled. */
  readonly warmup: number;
  readonly timed: TimedFile[];
}

async function openSession(source: OnnxSource): Promise<{ session: InferenceSession; bytes: number }> {
  const bytes = 'bytes' in source ? source.bytes : readOnnxFile(source);
  const options = {
    executionProviders: [...SHIPPED_ONNX_SESSION.executionProviders],
    graphOptimizationLevel: SHIPPED_ONNX_SESSION.graphOptimizationLevel,
  };
  try {
    return { session: await loadOnnxRuntime().InferenceSession.create(bytes, options), bytes: bytes.byteLength };
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`${source.shown}: onnxruntime cannot open it (${why})`);
  }
}

function readOnnxFile(source: { readonly shown: string; readonly path: string }): Uint8Array {
  try {
    return fs.readFileSync(source.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`${source.shown}: ${code === 'ENOENT' ? 'file not found' : `cannot be read (${String(error)})`}`);
  }
}

/** Opens every ONNX model and times them all together, as timeModelFiles times TF.js files. */
export async function timeOnnxModels(
  sources: readonly OnnxSource[],
  input: LatencyInput,
  repetitions: number = SHIPPED_REPETITIONS,
): Promise<OnnxTimed> {
  const opened: { session: InferenceSession; bytes: number }[] = [];
  try {
    for (const source of sources) opened.push(await openSession(source));
    const width = input.inputShape.reduce((a, b) => a * b, 1);
    const { batch, rows } = batchRows(input.sample, width, input.batchSize);
    const loaded = opened.map(({ session, bytes }) => {
      const runner = onnxRunner(session, input.inputShape);
      // Laid out as the file takes them (NCHW for images) once, outside the timed calls.
      const one = runner.inLayout(input.sample.slice(0, width));
      const many = runner.inLayout(rows);
      const time = (x: Float32Array) => async (): Promise<number> => {
        const started = performance.now();
        await runner.run(x);
        return performance.now() - started;
      };
      return { bytes, one: time(one), many: time(many) };
    });
    return {
      runtime: `onnxruntime-node ${onnxRuntimeVersion()}`,
      executionProvider: SHIPPED_ONNX_SESSION.executionProviders.join(', '),
      graphOptimization: SHIPPED_ONNX_SESSION.graphOptimizationLevel,
      batchSize: batch,
      ...(await timeAtBothBatches(loaded, batch, repetitions)),
    };
  } finally {
    for (const { session } of opened) await session.release();
  }
}
