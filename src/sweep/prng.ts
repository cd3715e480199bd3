/** Seeded draws for random sweeps: the same seed gives the same trials everywhere (shared generator in core). */
import { createRandom, type Random } from '../core/random/mulberry32';

export type { Random };
export const seededRandom = createRandom;

/** A uniformly chosen index below `n`. */
export const pickIndex = (random: Random, n: number): number => Math.min(n - 1, Math.floor(random() * n));

/** `count` distinct indices below `n`, in increasing order (partial Fisher-Yates shuffle). */
export function sampleIndices(random: Random, n: number, count: number): number[] {
  const pool = Array.from({ length: n }, (_, i) => i);
  const take = Math.min(count, n);
  for (let i = 0; i < take; i++) {
    const j = i + pickIndex(random, n - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, take).sort((a, b) => a - b);
}
