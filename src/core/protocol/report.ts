/**
 * `report.json` in every run directory: written by the trainer (also when a run fails or is cancelled),
 * read by `distillery report`, the code lens, the panel and sweeps, all through core/runs' readRunReport,
 * which accepts exactly what `checkRunReport` below accepts. JSON field names are snake_case on disk.
 */
import { type CompressionSearch, optionalCompressionSearch } from './compression-search';
import { list, nullable, num, oneOf, optional, record, scalar, schemaVersion, shape, str, type Check } from './checks';
import { type ShippedLatency, shippedLatencyCheck } from './shipped-latency';

export type RunStatus = 'done' | 'failed' | 'cancelled';

export interface ClassMetrics {
  readonly class: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

export interface ReliabilityBin {
  /** Bin bounds on the predicted top-1 probability. */
  readonly from: number;
  readonly to: number;
  readonly confidence: number;
  readonly accuracy: number;
  readonly count: number;
}

export interface Metrics {
  readonly accuracy: number;
  readonly loss?: number;
  /** Share of test examples where the model's top-1 equals the teacher's (1 for the teacher itself). */
  readonly agreement: number;
  /** Mean KL(teacher || model) over the test split, at T = 1. */
  readonly kl_to_teacher: number;
  /** Expected calibration error (15 equal-width bins). */
  readonly ece: number;
  readonly reliability: readonly ReliabilityBin[];
  /**
   * Accuracy under an FGSM attack at `evaluation.robustness.fgsm_epsilon`; absent for a model whose gradients
   * Distillery cannot take (a teacher run by onnxruntime).
   */
  readonly fgsm_accuracy?: number;
  readonly fgsm_epsilon: number;
  readonly per_class: readonly ClassMetrics[];
  /** confusion[true][predicted], in class order. */
  readonly confusion: readonly (readonly number[])[];
}

export interface Latency {
  /** Milliseconds per example at batch size 1 (median). */
  readonly batch1_ms: number;
  /** Milliseconds per example in batches of `batch_size` (median). */
  readonly batched_ms: number;
  readonly batch_size: number;
}

export interface ModelResult {
  readonly label: string;
  readonly params: number;
  /** Parameters that are not zero (differs from `params` after pruning). */
  readonly nonzero_params: number;
  /** Bytes of a file holding this model's weights (`bytes_file`), and gzipped (sparsity shows up in the gzipped size). */
  readonly bytes: number;
  readonly bytes_gzip: number;
  /** The file `bytes` measures, relative to the run directory (e.g. `student/weights.bin`, `export/model.onnx`). */
  readonly bytes_file?: string;
  readonly dtype: 'float32' | 'float16' | 'int8' | 'int4';
  readonly sparsity: number;
  readonly latency: Latency;
  readonly metrics: Metrics;
  /** Accuracy per seed, when trained over several seeds (metrics above are the first seed's). */
  readonly seed_accuracies?: readonly number[];
  /** Folder inside the run directory holding this model in TF.js format. */
  readonly model_dir?: string;
  /** The same model measured on the validation split: what sweeps select on (the test split is never used for selection). */
  readonly validation?: ValidationMetrics;
  /** How much training the model got (first seed): what makes the student-versus-baseline comparison fair. */
  readonly budget?: TrainingBudget;
}

/** The training budget of one model: optimizer steps, epochs run and examples seen, and the augmentation used. */
export interface TrainingBudget {
  readonly steps: number;
  readonly epochs: number;
  readonly examples_seen: number;
  readonly batch_size: number;
  /** Examples in one pass over the model's training data (the labelled ones for the baseline). */
  readonly train_examples: number;
  /** e.g. "shift 2 px, mixup 0.2"; absent without augmentation. */
  readonly augmentation?: string;
  /** Whether the teacher labelled each augmented batch (function matching) instead of precomputed inputs. */
  readonly teacher_per_batch?: boolean;
  /** `teacher` when the weights started as a copy of the teacher's strongest units (`student.init`). */
  readonly initial_weights?: 'teacher';
}

/** Validation-split metrics of one model (first seed); absent fields were not measured. */
export interface ValidationMetrics {
  readonly accuracy: number;
  readonly loss?: number;
  readonly agreement?: number;
  readonly kl_to_teacher?: number;
  readonly ece?: number;
}

export interface DistillationGain {
  /** Student accuracy minus baseline accuracy, in accuracy points (0.012 = 1.2 points), per seed. */
  readonly per_seed: readonly number[];
  readonly mean: number;
  /** Sample standard deviation over seeds (0 with one seed). */
  readonly std: number;
  readonly seeds: number;
}

/**
 * Where a run's data lives and what of it is held in memory: the start event says it before any data is read,
 * the report repeats it. Image folders are decoded once into a shared cache of byte records and read per batch.
 */
export interface DataStorage {
  /** Size of the source files (image files, the CSV file, the bundled package's data). */
  readonly bytes_on_disk: number;
  /** Size of the decoded cache file (0 for data without one). */
  readonly cache_bytes: number;
  /** Bytes of inputs held in memory for the whole run (estimated before loading; 0 when streamed). */
  readonly resident_bytes: number;
}

/** One model's share of the memory estimate. */
export interface ModelMemory {
  readonly role: 'teacher' | 'assistant' | 'student';
  readonly params: number;
  /**
   * What its parameters take at the peak: the weights and, when trained here, their gradients and the optimizer's
   * state (Adam keeps two more copies), with the backend's temporaries (bytes per parameter measured, see
   * trainer/run/memory-budget.ts).
   */
  readonly bytes: number;
}

/** What the memory estimate checked before training is made of (all in bytes). */
export interface MemoryBreakdown {
  /** The trainer's own peak with small data and models (TF.js, the backend, the run's bookkeeping). */
  readonly runtime_bytes: number;
  /** Inputs held in memory for the whole run (the data storage's `resident_bytes`). */
  readonly input_bytes: number;
  readonly models: readonly ModelMemory[];
  /** The largest model's outputs of every layer for one training batch, kept for the backward pass, and their gradients. */
  readonly activation_bytes: number;
  /**
   * The baseline worker process, training the student's architecture at the same time as the student: its own
   * runtime, inputs, model and activations. Absent when the baseline runs in the trainer process or not at all.
   */
  readonly baseline_worker_bytes?: number;
}

/** The run's estimated peak memory (trainer and baseline worker together), checked before training. */
export interface MemoryEstimate {
  readonly estimated_bytes: number;
  /** Memory the trainer may still use (the machine's available memory, or a lower cgroup / configured limit). */
  readonly available_bytes: number;
  /** Absent in runs from before the estimate had parts. */
  readonly breakdown?: MemoryBreakdown;
}

export interface DatasetSummary {
  readonly name: string;
  readonly classes: readonly string[];
  readonly train: number;
  readonly validation: number;
  readonly test: number;
  /** Training examples whose labels the student did not see. */
  readonly unlabeled: number;
  readonly storage?: DataStorage;
}

export interface RunReport {
  readonly schema_version: 1;
  readonly run_id: string;
  readonly status: RunStatus;
  readonly error?: string;
  /** What the user can do about a failure. */
  readonly hint?: string;
  readonly config_path: string;
  readonly started: string;
  readonly finished: string;
  readonly backend: string;
  /** Seconds per phase (`data`, `teacher`, `student`, `baseline`, `pruning`, `quantization`, `evaluation`) and `total`. */
  readonly durations: Readonly<Record<string, number>>;
  readonly dataset?: DatasetSummary;
  /**
   * The trainer process's peak resident memory (bytes) over the run, as the OS counts it (maxrss); the baseline
   * worker process is not included (`baseline_worker_peak_rss_bytes`).
   */
  readonly peak_rss_bytes?: number;
  /** The baseline worker process's own peak resident memory (bytes), when the baseline ran in one. */
  readonly baseline_worker_peak_rss_bytes?: number;
  /** The memory estimate checked before training, and what it is made of. */
  readonly memory_estimate?: MemoryEstimate;
  readonly distillation_gain: DistillationGain | null;
  readonly teacher?: ModelResult;
  /** The teacher assistant (`teacher.assistant`): distilled from the teacher, then the student's teacher. */
  readonly assistant?: ModelResult;
  readonly student?: ModelResult;
  readonly baseline?: ModelResult;
  readonly pruned?: ModelResult;
  /** Post-training quantization of the pruned (else distilled) student. */
  readonly quantized?: ModelResult;
  /**
   * Quantization-aware fine-tuning (`compression.quantization.aware`) of the same model to the same dtype: the
   * model the run exports when present, shown next to `quantized` (post-training).
   */
  readonly quantized_aware?: ModelResult;
  /**
   * The final student (after pruning and quantization) as files a user can ship, each measured by loading
   * that file back with the runtime a user would use. Absent in runs made before exports existed (and while
   * a run is being exported): `distillery export RUN_DIR` writes them.
   */
  readonly exports?: readonly ExportResult[];
  /**
   * Latency of the student and each compression step measured on the files a user ships (the export for the
   * final model), loaded with stock TF.js; absent in runs made before it existed and in runs without exports.
   */
  readonly shipped_latency?: ShippedLatency;
  /** The accuracy-aware search (`compression.target`): every tried point, the Pareto front and the chosen point. */
  readonly compression_search?: CompressionSearch;
  readonly warnings: readonly string[];
}

export type ExportFormat = 'tfjs' | 'onnx';

/** How the export expects its input: NHWC images (TF.js), NCHW images (ONNX) or a feature vector. */
export type InputLayout = 'nhwc' | 'nchw' | 'features';

export interface ExportResult {
  readonly format: ExportFormat;
  /** The file to load (`export/tfjs/model.json`, `export/model.onnx`), relative to the run directory. */
  readonly path: string;
  /** Every file of the export (model.json and its weights for TF.js), relative to the run directory. */
  readonly files: readonly string[];
  /** What a user downloads: the sum of `files`, raw and gzipped file by file (pruned zeros show in gzip). */
  readonly bytes: number;
  readonly bytes_gzip: number;
  /** How the weights are stored in the file: 'float32', 'float16', 'uint8' (TF.js affine per tensor) or 'int8' (ONNX per-axis). */
  readonly weights: string;
  readonly input: { readonly layout: InputLayout; readonly shape: readonly (number | string)[] };
  /** The runtime that loaded the file back for the measures below, e.g. "@tensorflow/tfjs 4.22.0 (wasm)". */
  readonly runtime: string;
  /** Test-split accuracy of the loaded file. */
  readonly accuracy: number;
  /** Share of test examples where the file's top-1 equals the teacher's (as `agreement` everywhere in the report). */
  readonly agreement: number;
  /** The file against the in-process final student it was exported from: same top-1 share, largest |logit difference|. */
  readonly fidelity: { readonly agreement: number; readonly max_logit_diff: number };
  readonly latency: Latency;
  /**
   * ONNX only: the same file measured again in a session with onnxruntime's graph optimisations disabled. The
   * default optimisations rewrote the DequantizeLinear + Gemm of earlier quantized exports into a lossy fused form;
   * this second measure tells the file's own fidelity apart from such a rewrite. Absent for TF.js files and older reports.
   */
  readonly without_graph_optimisations?: {
    readonly accuracy: number;
    readonly fidelity: { readonly agreement: number; readonly max_logit_diff: number };
  };
}

// ---------------------------------------------------------------------------------------------------------
// The validator of the types above: what every reader of report.json accepts.

const reliabilityBin = shape({ from: num, to: num, confidence: num, accuracy: num, count: num });
const classMetrics = shape({ class: str, precision: num, recall: num, f1: num, support: num });

/** Checks a `Metrics` object (also carried by the run events' `eval`). */
export const metricsCheck: Check = shape({
  accuracy: num,
  loss: optional(num),
  agreement: num,
  kl_to_teacher: num,
  ece: num,
  reliability: list(reliabilityBin),
  fgsm_accuracy: optional(num),
  fgsm_epsilon: num,
  per_class: list(classMetrics),
  confusion: list(list(num)),
});
const latencyCheck = shape({ batch1_ms: num, batched_ms: num, batch_size: num });
export const modelResultCheck: Check = shape({
  label: str,
  params: num,
  nonzero_params: num,
  bytes: num,
  bytes_gzip: num,
  dtype: oneOf('float32', 'float16', 'int8', 'int4'),
  sparsity: num,
  latency: latencyCheck,
  metrics: metricsCheck,
  seed_accuracies: optional(list(num)),
  model_dir: optional(str),
  bytes_file: optional(str),
});
export const exportResultCheck: Check = shape({
  format: oneOf('tfjs', 'onnx'),
  path: str,
  files: list(str),
  bytes: num,
  bytes_gzip: num,
  weights: str,
  input: shape({ layout: oneOf('nhwc', 'nchw', 'features'), shape: list(scalar) }),
  runtime: str,
  accuracy: num,
  agreement: num,
  fidelity: shape({ agreement: num, max_logit_diff: num }),
  latency: latencyCheck,
  without_graph_optimisations: optional(
    shape({ accuracy: num, fidelity: shape({ agreement: num, max_logit_diff: num }) }),
  ),
});

export const dataStorageCheck: Check = shape({ bytes_on_disk: num, cache_bytes: num, resident_bytes: num });

const memoryBreakdownCheck: Check = shape({
  runtime_bytes: num,
  input_bytes: num,
  models: list(shape({ role: oneOf('teacher', 'assistant', 'student'), params: num, bytes: num })),
  activation_bytes: num,
  baseline_worker_bytes: optional(num),
});

/** The estimate's fields, shared by the start event's `memory` and the report's `memory_estimate`. */
export const memoryEstimateFields = {
  estimated_bytes: num,
  available_bytes: num,
  breakdown: optional(memoryBreakdownCheck),
};

/** The statuses a report can have, for validators that list them. */
export const RUN_STATUSES: readonly RunStatus[] = ['done', 'failed', 'cancelled'];

/** Checks a whole report; `at` names the value in messages (`report` for a file on its own). */
export const runReportCheck: Check = shape({
  schema_version: schemaVersion(1, 'report'),
  run_id: str,
  status: oneOf(...RUN_STATUSES),
  error: optional(str),
  hint: optional(str),
  config_path: str,
  started: str,
  finished: str,
  backend: str,
  durations: record(num),
  dataset: optional(
    shape({
      name: str,
      classes: list(str),
      train: num,
      validation: num,
      test: num,
      unlabeled: num,
      storage: optional(dataStorageCheck),
    }),
  ),
  peak_rss_bytes: optional(num),
  baseline_worker_peak_rss_bytes: optional(num),
  memory_estimate: optional(shape(memoryEstimateFields)),
  distillation_gain: nullable(shape({ per_seed: list(num), mean: num, std: num, seeds: num })),
  teacher: optional(modelResultCheck),
  assistant: optional(modelResultCheck),
  student: optional(modelResultCheck),
  baseline: optional(modelResultCheck),
  pruned: optional(modelResultCheck),
  quantized: optional(modelResultCheck),
  quantized_aware: optional(modelResultCheck),
  exports: optional(list(exportResultCheck)),
  shipped_latency: optional(shippedLatencyCheck),
  compression_search: optionalCompressionSearch,
  warnings: list(str),
});

/** Validates a parsed report.json: undefined when it is a report, else where it is not. */
export function checkRunReport(value: unknown): string | undefined {
  return runReportCheck(value, 'report');
}
