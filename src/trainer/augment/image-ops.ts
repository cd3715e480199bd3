/**
 * Per-image augmentations on a flat NHWC batch (pixels in [0, 1]), written in plain loops: the same result on
 * every TensorFlow.js backend, and cheap next to a training step for the image sizes Distillery trains.
 */
import type { Random } from '../random/prng';
import { gaussian } from './sampling';

export interface ImageShape {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/** Translates one image by (dy, dx) whole pixels; uncovered pixels become 0. */
export function shiftImage(src: Float32Array, dst: Float32Array, shape: ImageShape, dy: number, dx: number): void {
  const { height, width, channels } = shape;
  dst.fill(0);
  for (let y = 0; y < height; y++) {
    const sy = y - dy;
    if (sy < 0 || sy >= height) continue;
    for (let x = 0; x < width; x++) {
      const sx = x - dx;
      if (sx < 0 || sx >= width) continue;
      const to = (y * width + x) * channels;
      const from = (sy * width + sx) * channels;
      for (let c = 0; c < channels; c++) dst[to + c] = src[from + c]!;
    }
  }
}

/** Mirrors one image left-right. */
export function flipImage(src: Float32Array, dst: Float32Array, shape: ImageShape): void {
  const { height, width, channels } = shape;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const to = (y * width + x) * channels;
      const from = (y * width + (width - 1 - x)) * channels;
      for (let c = 0; c < channels; c++) dst[to + c] = src[from + c]!;
    }
}

/** Bilinear resize of the box (top, left, boxHeight, boxWidth) of one image back to the full image size. */
export function cropResizeImage(
  src: Float32Array,
  dst: Float32Array,
  shape: ImageShape,
  box: { top: number; left: number; height: number; width: number },
): void {
  const { height, width, channels } = shape;
  const scaleY = height > 1 ? (box.height - 1) / (height - 1) : 0;
  const scaleX = width > 1 ? (box.width - 1) / (width - 1) : 0;
  for (let y = 0; y < height; y++) {
    const fy = box.top + y * scaleY;
    const y0 = Math.min(height - 1, Math.floor(fy));
    const y1 = Math.min(height - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = box.left + x * scaleX;
      const x0 = Math.min(width - 1, Math.floor(fx));
      const x1 = Math.min(width - 1, x0 + 1);
      const wx = fx - x0;
      for (let c = 0; c < channels; c++) {
        const at = (yy: number, xx: number): number => src[(yy * width + xx) * channels + c]!;
        const top = at(y0, x0) * (1 - wx) + at(y0, x1) * wx;
        const bottom = at(y1, x0) * (1 - wx) + at(y1, x1) * wx;
        dst[(y * width + x) * channels + c] = top * (1 - wy) + bottom * wy;
      }
    }
  }
}

/** A random box whose sides are between `minScale` and 1 of the image's, anywhere inside it. */
export function randomBox(
  shape: ImageShape,
  minScale: number,
  random: Random,
): { top: number; left: number; height: number; width: number } {
  const scale = minScale + (1 - minScale) * random();
  const height = Math.max(1, shape.height * scale);
  const width = Math.max(1, shape.width * scale);
  return { top: (shape.height - height) * random(), left: (shape.width - width) * random(), height, width };
}

/** Adds N(0, std^2) noise to every value. */
export function addNoise(values: Float32Array, std: number, random: Random): void {
  for (let i = 0; i < values.length; i++) values[i] = values[i]! + std * gaussian(random);
}
