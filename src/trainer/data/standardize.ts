/** Standardises features with the training split's mean and spread (never the test split's: no leakage). */
import type { Dataset } from './dataset';

export function standardizeWith(train: Dataset, others: readonly Dataset[]): Dataset[] {
  const width = train.inputShape.reduce((a, b) => a * b, 1);
  const count = train.y.length;
  const mean = new Float64Array(width);
  const spread = new Float64Array(width);
  for (let i = 0; i < count; i++) for (let j = 0; j < width; j++) mean[j]! += train.x[i * width + j]! / count;
  for (let i = 0; i < count; i++)
    for (let j = 0; j < width; j++) spread[j]! += (train.x[i * width + j]! - mean[j]!) ** 2 / count;
  const scale = Array.from(spread, (v) => (v > 1e-12 ? 1 / Math.sqrt(v) : 1));
  return [train, ...others].map((d) => {
    const x = new Float32Array(d.x.length);
    for (let i = 0; i < d.x.length; i++) x[i] = (d.x[i]! - mean[i % width]!) * scale[i % width]!;
    return { ...d, x };
  });
}
