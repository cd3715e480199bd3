/** Messages between the trainer and its teacher thread (`worker_threads`, see train/thread-batch-teacher.ts). */
import type * as tf from '@tensorflow/tfjs';
import type { BackendPreference } from './backend/select-backend';

/** `workerData` of the thread: the teacher (logits first, then hinted layers) as saved in memory. */
export interface TeacherThreadInit {
  readonly backend: BackendPreference;
  readonly artifacts: tf.io.ModelArtifacts;
  /** The model ends in softmax: its log-outputs stand in for logits. */
  readonly outputsProbabilities: boolean;
}

/** One batch to label: inputs [shape], flat. */
export interface TeacherThreadRequest {
  readonly id: number;
  readonly x: Float32Array;
  readonly shape: readonly number[];
}

export type TeacherThreadMessage =
  | { readonly kind: 'ready'; readonly backend: string }
  | {
      readonly kind: 'outputs';
      readonly id: number;
      /** Logits [count, classes], then each hinted layer flattened to [count, width]. */
      readonly outputs: readonly { readonly values: Float32Array; readonly shape: [number, number] }[];
    }
  | { readonly kind: 'failed'; readonly error: string };
