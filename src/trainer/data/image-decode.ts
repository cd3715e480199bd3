/** PNG/JPEG file -> RGBA pixels, then bilinear resize to size x size as byte channels (0-255). */
import { readBinaryFile } from '../../node/file-system';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { TrainerError } from '../run/errors';
import { MAX_IMAGE_MEGAPIXELS, pixelBudgetProblem, pngSize } from './image-header';

interface Rgba {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

function decode(file: string): Rgba {
  const bytes = readBinaryFile(file, 'image');
  const declared = pngSize(bytes);
  const tooLarge = declared && pixelBudgetProblem(declared.width, declared.height);
  if (tooLarge)
    throw new TrainerError(
      `${file}: ${tooLarge}.`,
      'Resize the image (or remove it from the folder); it is scaled down for training anyway.',
    );
  try {
    if (/\.png$/i.test(file)) {
      const png = PNG.sync.read(bytes);
      return { width: png.width, height: png.height, data: png.data };
    }
    const image = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxMemoryUsageInMB: 256,
      maxResolutionInMP: MAX_IMAGE_MEGAPIXELS,
    });
    return { width: image.width, height: image.height, data: image.data };
  } catch (error) {
    throw new TrainerError(
      `${file}: not a readable image (${error instanceof Error ? error.message : String(error)}).`,
      'Remove or replace the damaged file.',
    );
  }
}

/**
 * Writes size*size*channels bytes into `out` at `offset`: the bilinear resize rounded to whole pixel values, the
 * form the on-disk image cache holds (a quarter of float32's size; inputs become value / 255 when read).
 */
export function readImageInto(file: string, size: number, grayscale: boolean, out: Uint8Array, offset: number): void {
  const { width, height, data } = decode(file);
  const channels = grayscale ? 1 : 3;
  for (let row = 0; row < size; row++) {
    const sy = Math.min(height - 1, Math.max(0, ((row + 0.5) * height) / size - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(height - 1, y0 + 1);
    const fy = sy - y0;
    for (let col = 0; col < size; col++) {
      const sx = Math.min(width - 1, Math.max(0, ((col + 0.5) * width) / size - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(width - 1, x0 + 1);
      const fx = sx - x0;
      const sample = (c: number): number => {
        const at = (x: number, y: number): number => data[(y * width + x) * 4 + c]!;
        return (at(x0, y0) * (1 - fx) + at(x1, y0) * fx) * (1 - fy) + (at(x0, y1) * (1 - fx) + at(x1, y1) * fx) * fy;
      };
      const target = offset + (row * size + col) * channels;
      // A Uint8Array would truncate the fraction: round (every value is already within 0-255).
      if (grayscale) out[target] = Math.round(0.299 * sample(0) + 0.587 * sample(1) + 0.114 * sample(2));
      else for (let c = 0; c < 3; c++) out[target + c] = Math.round(sample(c));
    }
  }
}
