/**
 * `report.json`'s `shipped_latency`: the latency of each compression step's model measured on the files a user
 * ships, loaded with stock TF.js (`tf.loadLayersModel`) the way a user would: untimed warm-up calls, then
 * repeated timed calls (the models interleaved, so a busy machine slows them alike) and the median, at batch 1
 * and batched, on the named backend. A step slower than the model it compressed says so (`slower`).
 */
import { bool, list, num, oneOf, optional, shape, str, type Check } from './checks';

/**
 * The models of a run that are compression steps of one another: student -> pruned -> quantized, where the
 * quantized model is `quantized_aware` when quantization-aware training made it (the report's role of that model).
 */
export type ShippedRole = 'student' | 'pruned' | 'quantized' | 'quantized_aware';
export const SHIPPED_ROLES: readonly ShippedRole[] = ['student', 'pruned', 'quantized', 'quantized_aware'];

/**
 * A step counts as slower when, at batch 1 or batched, its median per-example time is more than this share above
 * the model it compressed and the difference is larger than the spread (interquartile range) of either model's
 * timed calls: smaller differences are within what repeated calls on one machine vary by.
 */
export const SLOWER_MARGIN = 0.1;

export interface ShippedModelLatency {
  readonly role: ShippedRole;
  /** The model.json loaded, relative to the run directory (`student/model.json`, `export/tfjs/model.json`). */
  readonly file: string;
  /** Bytes of model.json and its weight files: what a user downloads. */
  readonly bytes: number;
  /** Median milliseconds per example at batch 1 and in batches of `batch_size`. */
  readonly batch1_ms: number;
  readonly batched_ms: number;
  /** Interquartile range of the same per-example times over the timed calls: how much they varied. */
  readonly batch1_iqr_ms: number;
  readonly batched_iqr_ms: number;
  /** Against the model this step compressed (pruned: the student; quantized or quantized_aware: the pruned model, else the student). */
  readonly versus?: {
    readonly role: ShippedRole;
    /** This model's time over that model's (above 1: slower). */
    readonly batch1_ratio: number;
    readonly batched_ratio: number;
  };
  /** True when a ratio in `versus` is above 1 + SLOWER_MARGIN by more than the calls' spread (see SLOWER_MARGIN). */
  readonly slower: boolean;
  /**
   * ONNX only: true when the step has no .onnx file of its own (the student and pruned model are saved as TF.js):
   * `file` is then its model.json, encoded in memory by the run's ONNX exporter as `distillery export` would ship it.
   */
  readonly encoded?: boolean;
}

/**
 * The same steps as ONNX, timed with onnxruntime-node by the same method, on the same rows, in the same fresh process
 * (after the TF.js files). The final step is the run's ONNX export (`export/model.onnx`).
 */
export interface ShippedOnnxLatency {
  /** e.g. "onnxruntime-node 1.30.0". */
  readonly runtime: string;
  /** The session's execution provider ("cpu") and graph optimisation level ("all": onnxruntime's default). */
  readonly execution_provider: string;
  readonly graph_optimization: string;
  /** Untimed calls made per model at each batch size until the times settled (the timed calls: `repetitions` above). */
  readonly warmup: number;
  /** Per model: `bytes` are the .onnx file's (or the encoded bytes'). */
  readonly models: readonly ShippedModelLatency[];
}

export interface ShippedLatency {
  /** The runtime that loaded the files, e.g. "@tensorflow/tfjs 4.22.0". */
  readonly runtime: string;
  /** The TF.js backend the calls ran on (wasm, cpu, tensorflow). */
  readonly backend: string;
  /**
   * `fresh`: timed in a fresh Node process that loads only stock @tensorflow/tfjs and the backend, as a user's own
   * process would. Absent in reports made before: timed inside the trainer process (with Distillery's kernels).
   */
  readonly process?: 'fresh';
  /**
   * Untimed calls before timing, and timed calls, per model at each batch size. In a fresh process the warm-up goes
   * on until the times settle (so `warmup` varies run to run); older reports made a fixed 5.
   */
  readonly warmup: number;
  readonly repetitions: number;
  readonly batch_size: number;
  readonly models: readonly ShippedModelLatency[];
  /** The run's ONNX export timed with onnxruntime; absent without an ONNX export and in reports made before. */
  readonly onnx?: ShippedOnnxLatency;
  /** Why the ONNX files were not timed (e.g. an .onnx file onnxruntime cannot open); the TF.js times above stand. */
  readonly onnx_unmeasured?: string;
}

const role = oneOf(...SHIPPED_ROLES);

const modelsCheck: Check = list(
  shape({
    role,
    file: str,
    bytes: num,
    batch1_ms: num,
    batched_ms: num,
    batch1_iqr_ms: num,
    batched_iqr_ms: num,
    versus: optional(shape({ role, batch1_ratio: num, batched_ratio: num })),
    slower: bool,
    encoded: optional(bool),
  }),
);

export const shippedLatencyCheck: Check = shape({
  runtime: str,
  backend: str,
  process: optional(oneOf('fresh')),
  warmup: num,
  repetitions: num,
  batch_size: num,
  models: modelsCheck,
  onnx: optional(
    shape({ runtime: str, execution_provider: str, graph_optimization: str, warmup: num, models: modelsCheck }),
  ),
  onnx_unmeasured: optional(str),
});

type Timed = Omit<ShippedModelLatency, 'versus' | 'slower'>;

function slowerAt(model: Timed, before: Timed, at: 'batch1' | 'batched'): boolean {
  const time = model[`${at}_ms`];
  const previous = before[`${at}_ms`];
  const spread = Math.max(model[`${at}_iqr_ms`], before[`${at}_iqr_ms`]);
  return time > previous * (1 + SLOWER_MARGIN) && time - previous > spread;
}

/** The comparison of `model` against `before`, with the slower flag as SLOWER_MARGIN defines it. */
export function compareSteps(model: Timed, before: Timed | undefined): ShippedModelLatency {
  if (!before) return { ...model, slower: false };
  const batch1_ratio = model.batch1_ms / before.batch1_ms;
  const batched_ratio = model.batched_ms / before.batched_ms;
  const slower = slowerAt(model, before, 'batch1') || slowerAt(model, before, 'batched');
  return { ...model, versus: { role: before.role, batch1_ratio, batched_ratio }, slower };
}
