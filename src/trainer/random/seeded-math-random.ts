/**
 * TensorFlow.js draws unseeded randomness (dropout masks) from `Math.random`, and seeding the dropout layer
 * itself would repeat the same mask every batch. The trainer runs in its own process, so for the duration of
 * one epoch it swaps `Math.random` for a seeded stream: runs repeat exactly, resumed epochs included.
 */
import { createRandom } from './prng';

const nativeRandom = Math.random;

export function seedMathRandom(seed: number): void {
  Math.random = createRandom(seed);
}

export function restoreMathRandom(): void {
  Math.random = nativeRandom;
}
