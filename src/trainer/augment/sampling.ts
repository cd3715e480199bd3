/** Seeded draws the augmentations need beyond uniform numbers: Gaussian and Beta samples. */
import type { Random } from '../random/prng';

/** Standard normal sample (Box-Muller; `1 - u` keeps the logarithm finite). */
export function gaussian(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Gamma(shape, 1) sample (Marsaglia & Tsang 2000; shape < 1 through the boost Gamma(shape + 1) * U^(1/shape)). */
export function gamma(shape: number, random: Random): number {
  if (shape < 1) return gamma(shape + 1, random) * Math.pow(1 - random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = gaussian(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Beta(alpha, alpha) sample: what mixup draws its mixing weight from. */
export function symmetricBeta(alpha: number, random: Random): number {
  const a = gamma(alpha, random);
  const b = gamma(alpha, random);
  return a + b > 0 ? a / (a + b) : 0.5;
}
