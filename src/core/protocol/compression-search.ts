/**
 * The report's `compression_search` (`compression.target`): every point the accuracy-aware search tried, the
 * size/accuracy Pareto front, and the chosen point. Part of report.json (see ./report.ts, whose validator
 * includes the one below). Accuracies are shares (0.97), drops are accuracy points (1.0 = one point).
 */
import { bool, list, num, oneOf, optional, shape, str, type Check } from './checks';

/** One tried point, measured through its shipped files (the smallest export is the point's size). */
export interface SearchPoint {
  /** Stable id, also the folder `search/<id>/` holding its models and exports (core/compression/search-space). */
  readonly id: string;
  readonly sparsity: number;
  /** `none` for no pruning (sparsity 0). */
  readonly structure: 'none' | 'unstructured' | 'units';
  readonly dtype: 'float32' | 'float16' | 'int8' | 'int4';
  /** Quantization-aware fine-tuning (false: post-training quantization). */
  readonly aware: boolean;
  readonly params: number;
  /** Validation-split accuracy: what the search selects on. */
  readonly validation_accuracy: number;
  /** The distilled student's validation accuracy minus this point's, in accuracy points. */
  readonly accuracy_drop: number;
  /** Bytes of the point's smallest export (the file a user would ship), raw and gzipped. */
  readonly bytes: number;
  readonly bytes_gzip: number;
  /** That export file, relative to the run directory. */
  readonly file: string;
  /** Median milliseconds per example at batch 1 of that file, loaded back in its runtime. */
  readonly batch1_ms: number;
  /** Test-split accuracy of that file (reported for the chosen point; never used to choose). */
  readonly test_accuracy: number;
  readonly within_target: boolean;
}

export interface CompressionSearch {
  readonly max_accuracy_drop: number;
  readonly objective: 'size' | 'size_then_latency';
  /** The split every drop is measured on. */
  readonly split: 'validation';
  /** The id of the uncompressed student's point (`none-float32`): the reference of every drop and size ratio. */
  readonly reference: string;
  /** Every point tried, in the order tried (the reference among them). */
  readonly points: readonly SearchPoint[];
  /** Ids of the points no other point beats on both size and validation accuracy, smallest first. */
  readonly front: readonly string[];
  /** The point the run keeps (its models are the report's `pruned` / `quantized`, its files the run's `export/`). */
  readonly chosen: string;
  /**
   * `compressed`: a compressed point within the target is the smallest. Otherwise the uncompressed student is
   * kept (nothing lost) and a warning says why: `none_within_target` (every compressed point loses more than the
   * target allows) or `none_smaller` (those within it ship no fewer bytes than the student).
   */
  readonly outcome: SearchOutcome;
}

export type SearchOutcome = 'compressed' | 'none_within_target' | 'none_smaller';

const measures = {
  sparsity: num,
  structure: oneOf('none', 'unstructured', 'units'),
  dtype: oneOf('float32', 'float16', 'int8', 'int4'),
  aware: bool,
  params: num,
  validation_accuracy: num,
  bytes: num,
  bytes_gzip: num,
  file: str,
  batch1_ms: num,
  test_accuracy: num,
};

/** A point's measures before they are judged against the target (the trainer's record of a finished point). */
export type PointMeasures = Omit<SearchPoint, 'accuracy_drop' | 'within_target'>;
export const pointMeasuresCheck: Check = shape({ id: str, ...measures });

export const searchPointCheck: Check = shape({
  id: str,
  ...measures,
  accuracy_drop: num,
  within_target: bool,
});

const searchShape: Check = shape({
  max_accuracy_drop: num,
  objective: oneOf('size', 'size_then_latency'),
  split: oneOf('validation'),
  reference: str,
  points: list(searchPointCheck),
  front: list(str),
  chosen: str,
  outcome: oneOf('compressed', 'none_within_target', 'none_smaller'),
});

/** The shape above, and every id it names (`chosen`, `front`) is one of its points. */
export const compressionSearchCheck: Check = (value, at) => {
  const problem = searchShape(value, at);
  if (problem) return problem;
  const search = value as CompressionSearch;
  const ids = new Set(search.points.map((p) => p.id));
  if (!ids.has(search.chosen)) return `${at}.chosen names no point of ${at}.points`;
  if (!ids.has(search.reference)) return `${at}.reference names no point of ${at}.points`;
  const stray = search.front.find((id) => !ids.has(id));
  return stray === undefined
    ? undefined
    : `${at}.front names ${JSON.stringify(stray)}, which is no point of ${at}.points`;
};

export const optionalCompressionSearch: Check = optional(compressionSearchCheck);
