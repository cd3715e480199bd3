/** In-memory datasets: examples as one flat Float32Array, labels as class indices. */

export interface Dataset {
  readonly name: string;
  readonly classNames: readonly string[];
  /** Shape of one example, e.g. [28, 28, 1] or [7]. */
  readonly inputShape: readonly number[];
  readonly x: Float32Array;
  readonly y: Int32Array;
  /** Legal value range of the inputs (images); FGSM clips to it. Undefined for standardised tabular data. */
  readonly valueRange?: readonly [number, number];
  /** Tabular data is standardised with statistics of the training split only. */
  readonly standardize: boolean;
}

export function exampleSize(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function countOf(dataset: Pick<Dataset, 'y'>): number {
  return dataset.y.length;
}

/** Copies the listed examples into a new dataset (order as given). */
export function subset(dataset: Dataset, indices: readonly number[]): Dataset {
  const size = exampleSize(dataset.inputShape);
  const x = new Float32Array(indices.length * size);
  const y = new Int32Array(indices.length);
  indices.forEach((index, i) => {
    x.set(dataset.x.subarray(index * size, (index + 1) * size), i * size);
    y[i] = dataset.y[index]!;
  });
  return { ...dataset, x, y };
}
