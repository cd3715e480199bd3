/**
 * Deterministic, stratified splits: every class is shuffled with the split seed and cut into test,
 * validation and training shares; `unlabeled` then hides the labels of a share of each class's training
 * examples from the student. `limit` first draws a seeded stratified sample of the whole dataset.
 */
import { createRandom, mixSeed, shuffleInPlace } from '../random/prng';

export interface SplitIndices {
  readonly train: readonly number[];
  /** Parallel to `train`: false where the student must not see the label. */
  readonly labeled: readonly boolean[];
  readonly validation: readonly number[];
  readonly test: readonly number[];
}

export interface SplitSettings {
  readonly validation: number;
  readonly test: number;
  readonly seed: number;
  readonly unlabeled: number;
  readonly limit?: number;
}

function byClass(labels: Int32Array, classes: number): number[][] {
  const groups: number[][] = Array.from({ length: classes }, () => []);
  labels.forEach((label, index) => groups[label]!.push(index));
  return groups;
}

export function splitIndices(labels: Int32Array, classes: number, settings: SplitSettings): SplitIndices {
  const random = createRandom(mixSeed(settings.seed, 0x5eed));
  let groups = byClass(labels, classes).map((g) => shuffleInPlace(g, random));
  if (settings.limit !== undefined && settings.limit < labels.length) {
    const share = settings.limit / labels.length;
    groups = groups.map((g) => g.slice(0, Math.max(1, Math.round(g.length * share))));
  }
  const train: number[] = [];
  const labeled: boolean[] = [];
  const validation: number[] = [];
  const test: number[] = [];
  for (const group of groups) {
    const testCount = Math.round(group.length * settings.test);
    const validationCount = Math.round(group.length * settings.validation);
    test.push(...group.slice(0, testCount));
    validation.push(...group.slice(testCount, testCount + validationCount));
    const rest = group.slice(testCount + validationCount);
    const hidden = Math.round(rest.length * settings.unlabeled);
    rest.forEach((index, i) => {
      train.push(index);
      labeled.push(i >= hidden);
    });
  }
  // Interleave classes in a seeded order so batches mix classes even before the per-epoch shuffle.
  const order = shuffleInPlace(
    train.map((_, i) => i),
    random,
  );
  return { train: order.map((i) => train[i]!), labeled: order.map((i) => labeled[i]!), validation, test };
}
