/**
 * Generated image folders for tests and benches: one sub-folder per class, PNGs whose class shows as a bright
 * band at a class-specific height (learnable by a small model), with seeded noise so no two images are equal.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PNG } from 'pngjs';

export interface ImageFolderSpec {
  readonly classes: number;
  readonly perClass: number;
  /** Width and height of the written PNGs. */
  readonly pixels: number;
  readonly seed?: number;
}

/** A PNG of `pixels` x `pixels` for class `label` of `classes`, varied by `variant`. */
export function classImage(label: number, classes: number, pixels: number, variant: number): Buffer {
  const png = new PNG({ width: pixels, height: pixels });
  let state = (variant * 2654435761 + label * 97 + 1) >>> 0;
  const noise = (): number => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state >>> 25;
  };
  const band = Math.floor(((label + 0.5) * pixels) / classes);
  const halfWidth = Math.max(1, Math.floor(pixels / (2 * classes)));
  for (let y = 0; y < pixels; y++)
    for (let x = 0; x < pixels; x++) {
      const at = (y * pixels + x) * 4;
      const lit = Math.abs(y - band) <= halfWidth ? 160 : 20;
      png.data[at] = lit + noise();
      png.data[at + 1] = (lit >> 1) + noise();
      png.data[at + 2] = 40 + noise();
      png.data[at + 3] = 255;
    }
  return PNG.sync.write(png);
}

/** Writes the folder (created if needed) and returns its image files in example order (class, then name). */
export function writeImageFolder(dir: string, spec: ImageFolderSpec): string[] {
  const files: string[] = [];
  for (let label = 0; label < spec.classes; label++) {
    const classDir = path.join(dir, `class${label}`);
    fs.mkdirSync(classDir, { recursive: true });
    for (let i = 0; i < spec.perClass; i++) {
      const file = path.join(classDir, `img${String(i).padStart(6, '0')}.png`);
      fs.writeFileSync(file, classImage(label, spec.classes, spec.pixels, i + (spec.seed ?? 0) * 1_000_003));
      files.push(file);
    }
  }
  return files;
}
