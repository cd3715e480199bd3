/** Student-minus-baseline accuracy per seed, with mean and sample standard deviation. */
import type { DistillationGain } from '../../core/protocol/report';

export function distillationGain(student: readonly number[], baseline: readonly number[]): DistillationGain | null {
  const seeds = Math.min(student.length, baseline.length);
  if (seeds === 0) return null;
  const perSeed = Array.from({ length: seeds }, (_, i) => student[i]! - baseline[i]!);
  const mean = perSeed.reduce((a, b) => a + b, 0) / seeds;
  const std = seeds > 1 ? Math.sqrt(perSeed.reduce((s, g) => s + (g - mean) ** 2, 0) / (seeds - 1)) : 0;
  return { per_seed: perSeed, mean, std, seeds };
}
