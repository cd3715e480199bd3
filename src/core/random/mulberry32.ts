/**
 * A small seeded generator (mulberry32): splits, shuffles, sampling and random sweeps must repeat exactly for a
 * seed on every machine and Node version, which `Math.random` cannot promise. Shared by the trainer and sweeps.
 */
export type Random = () => number;

export function createRandom(seed: number): Random {
  let state = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
