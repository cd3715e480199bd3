/**
 * Standardises features with the training split's mean and spread (never the test split's: no leakage). The
 * statistics come from one pass over the training rows in batches; the other splits are views that standardise
 * each batch as it is read, so no standardised copy of the data is ever held.
 */
import { type Dataset, forEachBatch, mappedExamples } from './dataset';

const STATS_BATCH = 4096;

export function standardizeWith(train: Dataset, others: readonly Dataset[]): Dataset[] {
  const width = train.x.width;
  const count = train.y.length;
  const mean = new Float64Array(width);
  const spread = new Float64Array(width);
  forEachBatch(train.x, STATS_BATCH, (rows, _, n) => {
    for (let i = 0; i < n; i++) for (let j = 0; j < width; j++) mean[j]! += rows[i * width + j]! / count;
  });
  forEachBatch(train.x, STATS_BATCH, (rows, _, n) => {
    for (let i = 0; i < n; i++)
      for (let j = 0; j < width; j++) spread[j]! += (rows[i * width + j]! - mean[j]!) ** 2 / count;
  });
  const scale = Array.from(spread, (v) => (v > 1e-12 ? 1 / Math.sqrt(v) : 1));
  const standardize = (rows: Float32Array): void => {
    for (let i = 0; i < rows.length; i++) rows[i] = (rows[i]! - mean[i % width]!) * scale[i % width]!;
  };
  return [train, ...others].map((d) => ({ ...d, x: mappedExamples(d.x, standardize) }));
}
