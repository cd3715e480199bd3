/**
 * What checking every record of the decoded image cache against its digest costs when batches are read: the same
 * batches of a filled cache read with the check (as training reads them) and without it (a check that accepts
 * everything: the baseline, measured in the same run). Generated 16 px PNGs decoded to `--sizes` (default 64,128)
 * px RGB, `--count` images (default 1,000), batches of 128 in a seeded shuffled order; median of repeated passes.
 */
import * as path from 'node:path';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { fileByteExamples, type RecordIntegrity } from '../src/trainer/data/byte-examples';
import { cacheIntegrity, cachedImages } from '../src/trainer/data/image-cache';
import { writeImageFolder } from '../test/trainer/image-folder';
import { fmt, median, printTable, timeRepeated } from './stats';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

const COUNT = Number(option('count', '1000'));
const SIZES = option('sizes', '64,128').split(',').map(Number);
const BATCH = 128;

/** Row indices in a seeded shuffled order, cut into batches. */
function batches(count: number): number[][] {
  const order = Array.from({ length: count }, (_, i) => i);
  let state = 12345;
  for (let i = count - 1; i > 0; i--) {
    state = (state * 1664525 + 1013904223) >>> 0;
    const j = state % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return Array.from({ length: Math.ceil(count / BATCH) }, (_, b) => order.slice(b * BATCH, (b + 1) * BATCH));
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'distillery-bench-cache-check-'));
try {
  const folder = path.join(dir, 'photos');
  const files = writeImageFolder(folder, { classes: 4, perClass: COUNT / 4, pixels: 16 });
  const rows: string[][] = [];
  for (const size of SIZES) {
    const cache = cachedImages(path.join(dir, 'cache'), folder, files, { size, grayscale: false });
    const checked = cacheIntegrity(cache, folder);
    const unchecked: RecordIntegrity = { verify: () => undefined, damaged: checked.damaged };
    const plan = batches(cache.count);
    const pass = (integrity: RecordIntegrity) => () => {
      const examples = fileByteExamples(cache.file, cache.count, cache.width, integrity);
      for (const batch of plan) examples.rows(batch);
    };
    // Interleaved, so both modes see the same machine load.
    const withCheck: number[] = [];
    const without: number[] = [];
    for (let round = 0; round < 5; round++) {
      without.push(...timeRepeated(pass(unchecked), 1, round === 0 ? 1 : 0));
      withCheck.push(...timeRepeated(pass(checked), 1, round === 0 ? 1 : 0));
    }
    const a = median(without);
    const b = median(withCheck);
    rows.push([
      `${COUNT}`,
      `${size}`,
      fmt(a),
      fmt(b),
      `${(((b - a) / a) * 100).toFixed(0)}%`,
      fmt(((b - a) / COUNT) * 1000),
    ]);
  }
  printTable(
    ['images', 'px', 'read one pass (no check)', 'read one pass (checked)', 'added', 'added per 1,000 images'],
    rows,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
