/**
 * Messages between the trainer and its shipped-latency process (`child_process.fork` with the structured-clone
 * IPC serialization, so the example rows travel as a Float32Array). The child times the shipped TF.js files in a
 * fresh Node process that loads only stock @tensorflow/tfjs and the named backend: none of Distillery's kernels;
 * then, when the job names ONNX models, times them with onnxruntime-node in the same process.
 */
import type { TimedFile } from './eval/interleaved-timing';
import type { OnnxSource, OnnxTimed } from './eval/onnx-latency';

/** Backends the child can start: the trainer's own (tfjs-node, wasm or cpu). */
export type StockBackend = 'tensorflow' | 'wasm' | 'cpu';

export interface ShippedLatencyJob {
  readonly kind: 'time';
  readonly backend: StockBackend;
  /** Each model.json on disk and as the report names it (for messages). */
  readonly files: readonly { readonly path: string; readonly shown: string }[];
  /** Example rows (flat) the calls are made on, of `inputShape` each. */
  readonly sample: Float32Array;
  readonly inputShape: readonly number[];
  readonly batchSize: number;
  readonly repetitions: number;
  /** ONNX models to time after the TF.js files, on the same rows, with onnxruntime-node (none: not timed). */
  readonly onnx?: readonly OnnxSource[];
}

/** The ONNX part of a reply: its own failure (an unloadable file) leaves the TF.js times standing. */
export type OnnxReply = ({ readonly kind: 'timed' } & OnnxTimed) | { readonly kind: 'failed'; readonly error: string };

export type ShippedLatencyReply =
  | {
      readonly kind: 'timed';
      /** e.g. "@tensorflow/tfjs 4.22.0", as the child loaded it. */
      readonly runtime: string;
      /** The backend the child ran on (tf.getBackend() there). */
      readonly backend: string;
      readonly batchSize: number;
      /** Untimed calls made per model at each batch size before timing (until the times settled). */
      readonly warmup: number;
      readonly timed: readonly TimedFile[];
      readonly onnx?: OnnxReply;
    }
  | { readonly kind: 'failed'; readonly error: string };
