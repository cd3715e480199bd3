/**
 * Messages between the trainer and its shipped-latency process (`child_process.fork` with the structured-clone
 * IPC serialization, so the example rows travel as a Float32Array). The child times the shipped TF.js files in a
 * fresh Node process that loads only stock @tensorflow/tfjs and the named backend: none of Distillery's kernels.
 */
import type { TimedFile } from './eval/shipped-latency';

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
}

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
    }
  | { readonly kind: 'failed'; readonly error: string };
