/**
 * Standardises features with the training split's mean and spread (never the test split's: no leakage), and undoes
 * it for a teacher trained elsewhere, which takes the encoded raw features (its own mean/std apply to those,
 * independent of the student's standardisation). The statistics come from one pass over the training rows in
 * batches; the other splits are views that standardise each batch as it is read, so no standardised copy of the
 * data is ever held.
 */
import { type Dataset, forEachBatch, inferenceBatchRows, mappedExamples } from './dataset';

const STATS_BATCH = 4096;

/** The student's standardisation, per feature: standardised = (raw - mean) / std. */
export interface FeatureStandardization {
  readonly mean: Float64Array;
  readonly std: Float64Array;
}

export function standardizeWith(
  train: Dataset,
  others: readonly Dataset[],
): { readonly datasets: Dataset[]; readonly standardization: FeatureStandardization } {
  const width = train.x.width;
  const count = train.y.length;
  const mean = new Float64Array(width);
  const spread = new Float64Array(width);
  // Wide rows (a text column one-hot encoded into thousands of values) are read in fewer rows at a time.
  const batch = inferenceBatchRows(width, STATS_BATCH);
  forEachBatch(train.x, batch, (rows, _, n) => {
    for (let i = 0; i < n; i++) for (let j = 0; j < width; j++) mean[j]! += rows[i * width + j]! / count;
  });
  forEachBatch(train.x, batch, (rows, _, n) => {
    for (let i = 0; i < n; i++)
      for (let j = 0; j < width; j++) spread[j]! += (rows[i * width + j]! - mean[j]!) ** 2 / count;
  });
  // A constant feature keeps a spread of 1 (it is only centred).
  const std = spread.map((v) => (v > 1e-12 ? Math.sqrt(v) : 1));
  const scale = Array.from(std, (s) => 1 / s);
  const standardize = (rows: Float32Array): void => {
    for (let i = 0; i < rows.length; i++) rows[i] = (rows[i]! - mean[i % width]!) * scale[i % width]!;
  };
  const datasets = [train, ...others].map((d) => ({ ...d, x: mappedExamples(d.x, standardize) }));
  return { datasets, standardization: { mean, std } };
}

/** Standardised rows (flat [n, features]) back to the encoded raw features. */
export function rawFeatures(standardized: Float32Array, standardization: FeatureStandardization): Float32Array {
  const { mean, std } = standardization;
  const width = mean.length;
  return standardized.map((v, i) => v * std[i % width]! + mean[i % width]!);
}
