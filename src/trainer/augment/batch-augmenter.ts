/**
 * `training.augment` applied to one training batch: a seeded function of (seed, epoch, batch) so a run, its
 * resume and its baseline see the same augmented inputs. Images get shift / flip / crop-and-resize, then any
 * input gets Gaussian noise, then mixup pairs each example with another of the batch.
 */
import { usesImageOps } from '../../core/config/augment';
import type { AugmentSettings } from '../../core/config/types';
import { formatShape } from '../../core/format/numbers';
import { createRandom, mixSeed, type Random } from '../random/prng';
import { addNoise, cropResizeImage, flipImage, type ImageShape, randomBox, shiftImage } from './image-ops';
import { symmetricBeta } from './sampling';

export interface AugmentedBatch {
  /** The augmented inputs, flat [count, ...inputShape]. */
  readonly x: Float32Array;
  /** Mixup: example i is `lambda[i] * x_i + (1 - lambda[i]) * x_partner[i]` (indices within the batch). */
  readonly mix?: { readonly partner: Int32Array; readonly lambda: Float32Array };
}

export interface BatchAugmenter {
  /** A short description for events and the report, e.g. "shift 2 px, mixup 0.2". */
  readonly description: string;
  augment(x: Float32Array, count: number, seed: number, epoch: number, batch: number): AugmentedBatch;
}

export function describeAugment(settings: AugmentSettings): string {
  const parts = [
    ...(settings.shift > 0 ? [`shift ${settings.shift} px`] : []),
    ...(settings.flip ? ['horizontal flip'] : []),
    ...(settings.crop < 1 ? [`crop-and-resize ${settings.crop}-1`] : []),
    ...(settings.noise > 0 ? [`noise ${settings.noise}`] : []),
    ...(settings.mixup > 0 ? [`mixup ${settings.mixup}`] : []),
  ];
  return parts.join(', ');
}

/**
 * The augmenter for inputs of `inputShape`, or an error message when the settings cannot apply
 * (image operations on tabular data).
 */
export function createAugmenter(settings: AugmentSettings, inputShape: readonly number[]): BatchAugmenter | string {
  const isImage = inputShape.length === 3;
  if (usesImageOps(settings) && !isImage)
    return `training.augment: shift, flip and crop need image data, but the examples have shape ${formatShape(inputShape)}. Use noise or mixup for tabular data.`;
  const shape: ImageShape | undefined = isImage
    ? { height: inputShape[0]!, width: inputShape[1]!, channels: inputShape[2]! }
    : undefined;
  const width = inputShape.reduce((a, b) => a * b, 1);
  return {
    description: describeAugment(settings),
    augment(x, count, seed, epoch, batch) {
      const random = createRandom(mixSeed(seed, 0xa06e, epoch, batch));
      const out = Float32Array.from(x.subarray(0, count * width));
      if (shape) transformImages(out, count, width, shape, settings, random);
      if (settings.noise > 0) addNoise(out, settings.noise, random);
      if (settings.mixup <= 0 || count < 2) return { x: out };
      return mixup(out, count, width, settings.mixup, random);
    },
  };
}

function transformImages(
  batch: Float32Array,
  count: number,
  width: number,
  shape: ImageShape,
  settings: AugmentSettings,
  random: Random,
): void {
  const scratch = new Float32Array(width);
  for (let i = 0; i < count; i++) {
    const image = batch.subarray(i * width, (i + 1) * width);
    if (settings.crop < 1) {
      cropResizeImage(image, scratch, shape, randomBox(shape, settings.crop, random));
      image.set(scratch);
    }
    if (settings.flip && random() < 0.5) {
      flipImage(image, scratch, shape);
      image.set(scratch);
    }
    if (settings.shift > 0) {
      const span = 2 * settings.shift + 1;
      const dy = Math.floor(random() * span) - settings.shift;
      const dx = Math.floor(random() * span) - settings.shift;
      if (dy !== 0 || dx !== 0) {
        shiftImage(image, scratch, shape, dy, dx);
        image.set(scratch);
      }
    }
  }
}

function mixup(batch: Float32Array, count: number, width: number, alpha: number, random: Random): AugmentedBatch {
  const partner = new Int32Array(count);
  const lambda = new Float32Array(count);
  const mixed = new Float32Array(batch.length);
  for (let i = 0; i < count; i++) {
    partner[i] = Math.floor(random() * count);
    lambda[i] = symmetricBeta(alpha, random);
    const a = i * width;
    const b = partner[i]! * width;
    const l = lambda[i]!;
    for (let k = 0; k < width; k++) mixed[a + k] = l * batch[a + k]! + (1 - l) * batch[b + k]!;
  }
  return { x: mixed, mix: { partner, lambda } };
}
