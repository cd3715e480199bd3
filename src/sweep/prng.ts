/**
 * A small seeded generator (mulberry32) for the sweep's random draws: the same seed gives the same trials on
 * every machine and Node version, which `Math.random` cannot promise.
 */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
