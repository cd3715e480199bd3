/** Seeded randomness for the trainer: the shared generator, seed mixing and shuffles. */
import type { Random } from '../../core/random/mulberry32';

export { createRandom, type Random } from '../../core/random/mulberry32';

/** Mixes several integers into one seed, so (seed, role, epoch) streams are independent but repeatable. */
export function mixSeed(...parts: readonly number[]): number {
  let h = 2166136261;
  for (const part of parts) {
    h ^= part >>> 0;
    h = Math.imul(h, 16777619) >>> 0;
    h ^= h >>> 13;
  }
  return h >>> 0;
}

/** Fisher-Yates shuffle in place. */
export function shuffleInPlace<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i]!;
    items[i] = items[j]!;
    items[j] = tmp;
  }
  return items;
}
