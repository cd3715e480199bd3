/**
 * Datasets: labels as class indices (4 bytes an example, always in memory) and inputs behind `Examples`, read a
 * batch of rows at a time, so a dataset on disk never has to fit in memory whole.
 */

/** The inputs of a dataset: `count` examples of `width` floats, read by row index. */
export interface Examples {
  readonly count: number;
  /** Floats per example (the product of the input shape). */
  readonly width: number;
  /** Copies of the rows `indices` (in that order), flat [indices.length * width]. */
  rows(indices: readonly number[]): Float32Array;
  /** The same rows read without blocking the thread (a disk source reads in the background): used to prefetch. */
  rowsAsync(indices: readonly number[]): Promise<Float32Array>;
}

export interface Dataset {
  readonly name: string;
  readonly classNames: readonly string[];
  /** Shape of one example, e.g. [28, 28, 1] or [7]. */
  readonly inputShape: readonly number[];
  readonly x: Examples;
  readonly y: Int32Array;
  /** Legal value range of the inputs (images); FGSM clips to it. Undefined for standardised tabular data. */
  readonly valueRange?: readonly [number, number];
  /** Tabular data is standardised with statistics of the training split only. */
  readonly standardize: boolean;
  /** The data cache the inputs are read from (image folders, CSV files); `inMemory` when it is held whole in memory. */
  readonly cache?: { readonly file: string; readonly bytes: number; readonly inMemory: boolean };
}

export function exampleSize(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function countOf(dataset: Pick<Dataset, 'y'>): number {
  return dataset.y.length;
}

/**
 * Inference batches (evaluation, FGSM, teacher outputs) hold at most this many input bytes: the wasm backend's
 * heap only grows, so one wide batch (256 images of 128 x 128 x 3 floats is 48 MiB, times every intermediate)
 * would set the run's peak memory. Narrow inputs (MNIST: 1,337 rows) keep their usual batch.
 */
const INFERENCE_BATCH_BYTES = 4 * 1024 ** 2;

/** Rows per inference batch for examples of `width` floats: `preferred`, fewer when the rows are wide. */
export function inferenceBatchRows(width: number, preferred: number): number {
  return Math.max(1, Math.min(preferred, Math.floor(INFERENCE_BATCH_BYTES / (width * 4))));
}

/** The indices start, start + 1, ..., end - 1. */
export function indexRange(start: number, end: number): number[] {
  return Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
}

/** Examples held in one flat Float32Array (the bundled datasets, tabular data, small image folders). */
export function inMemoryExamples(values: Float32Array, width: number): Examples {
  const rows = (indices: readonly number[]): Float32Array => {
    const out = new Float32Array(indices.length * width);
    indices.forEach((row, i) => out.set(values.subarray(row * width, (row + 1) * width), i * width));
    return out;
  };
  return { count: values.length / width, width, rows, rowsAsync: (indices) => Promise.resolve(rows(indices)) };
}

/** A view of `examples` with the listed rows (order as given): nothing is copied until rows are read. */
export function examplesAt(examples: Examples, indices: readonly number[]): Examples {
  const map = (wanted: readonly number[]): number[] => wanted.map((i) => indices[i]!);
  return {
    count: indices.length,
    width: examples.width,
    rows: (wanted) => examples.rows(map(wanted)),
    rowsAsync: (wanted) => examples.rowsAsync(map(wanted)),
  };
}

/** A view of `examples` with `transform` applied to every batch read (in place on the fresh copy). */
export function mappedExamples(examples: Examples, transform: (rows: Float32Array) => void): Examples {
  return {
    count: examples.count,
    width: examples.width,
    rows: (indices) => {
      const out = examples.rows(indices);
      transform(out);
      return out;
    },
    rowsAsync: async (indices) => {
      const out = await examples.rowsAsync(indices);
      transform(out);
      return out;
    },
  };
}

/** Visits every example in order, `batchSize` rows at a time (statistics, inference over a split). */
export function forEachBatch(
  examples: Examples,
  batchSize: number,
  visit: (rows: Float32Array, start: number, count: number) => void,
): void {
  for (let start = 0; start < examples.count; start += batchSize) {
    const end = Math.min(examples.count, start + batchSize);
    visit(examples.rows(indexRange(start, end)), start, end - start);
  }
}

/** The listed examples as a new dataset (order as given); inputs are a view, labels are copied. */
export function subset(dataset: Dataset, indices: readonly number[]): Dataset {
  return { ...dataset, x: examplesAt(dataset.x, indices), y: Int32Array.from(indices, (i) => dataset.y[i]!) };
}

/** Every row in one array: for small data only (tests, scripts, benches); training and evaluation read batches. */
export function readAll(examples: Examples): Float32Array {
  return examples.rows(indexRange(0, examples.count));
}
