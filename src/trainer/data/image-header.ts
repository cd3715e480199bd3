/**
 * The pixel budget of one image, checked on the header before anything is decoded: a 1 KB PNG can declare
 * 30000 x 30000 pixels, and the decoder would allocate 3.6 GB for it. 40 megapixels (160 MB of RGBA) is far
 * above any photo a classifier is trained on, and the same bound jpeg-js is given for JPEGs.
 */
import { formatFixed } from '../../core/format/numbers';

export const MAX_IMAGE_MEGAPIXELS = 40;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk; undefined when the bytes do not start like a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (bytes.length < 24 || !PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Why the declared size is refused, or undefined when it fits the budget. */
export function pixelBudgetProblem(width: number, height: number): string | undefined {
  const megapixels = (width * height) / 1e6;
  if (megapixels <= MAX_IMAGE_MEGAPIXELS) return undefined;
  return `declares ${width} x ${height} pixels (${formatFixed(megapixels, 0)} megapixels), above the budget of ${MAX_IMAGE_MEGAPIXELS} megapixels per image`;
}
