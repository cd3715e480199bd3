/**
 * Student training throughput with consistent teaching (`training.augment`: augmented batches labelled by the
 * teacher per batch) against precomputed teacher logits, one run: the teacher on the training thread, and in
 * its own thread one batch ahead, as training runs it (see augment-throughput.ts). `npm run bench --
 * consistent-teaching`.
 */
import * as os from 'node:os';
import { selectBackend } from '../src/trainer/backend/select-backend';
import { loadBundled } from '../src/trainer/data/bundled';
import { indexRange } from '../src/trainer/data/dataset';
import { type AugmentThroughput, augmentThroughput } from './augment-throughput';
import { median, printTable } from './stats';

/** Training throughput with and without consistent teaching (augmentation + the teacher asked per batch), wasm. */
async function main(): Promise<void> {
  await selectBackend('wasm');
  const mnist = loadBundled('mnist');
  const count = 2048;
  const x = mnist.x.rows(indexRange(0, count));
  const y = mnist.y.subarray(0, count);
  const rates: AugmentThroughput[] = [];
  for (let round = 0; round < 3; round++) rates.push(await augmentThroughput(x, y));
  const precomputed = median(rates.map((r) => r.precomputed));
  const perBatch = median(rates.map((r) => r.perBatch));
  const perBatchThread = median(rates.map((r) => r.perBatchThread));
  const teacherOnly = median(rates.map((r) => r.teacherOnly));
  printTable(
    ['student 784-64-10, CNN teacher, batch 64 (wasm)', 'samples/s (median of 3 rounds)'],
    [
      ['teacher logits precomputed once, no augmentation', precomputed.toFixed(0)],
      ['shift 2 + mixup 0.3, teacher asked per batch on the training thread', perBatch.toFixed(0)],
      ['shift 2 + mixup 0.3, teacher in its own thread, one batch ahead (training)', perBatchThread.toFixed(0)],
      ['teacher forward pass alone, no student (the limit of the thread)', teacherOnly.toFixed(0)],
    ],
  );
  process.stdout.write(
    `Consistent teaching costs ${(precomputed / perBatchThread).toFixed(2)}x in throughput as training runs it (goal: within 1.5x; ${(precomputed / perBatch).toFixed(2)}x with the teacher on the training thread). The teacher's forward pass alone runs at ${(precomputed / teacherOnly).toFixed(2)}x the student's step time, the floor for any overlap. The teacher thread needs a second free core: here the load average is ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}. The README's examples table (npm run examples:table) has the distillation results.\n`,
  );
}

void main();
