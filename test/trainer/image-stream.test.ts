/**
 * Image folders streamed from the decoded-image cache: the cache is filled once and reused, invalidated when an
 * image changes (two processes filling it at once: image-cache-lock.test.ts); training streamed from it gives exactly the results of
 * holding it in memory; a damaged image fails the run naming the file, and the run resumes once it is replaced.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { readAll } from '../../src/trainer/data/dataset';
import { loadImageFolder } from '../../src/trainer/data/images';
import type { RunEvent } from '../../src/core/protocol/run-events';
import { runTraining } from '../../src/trainer/engine';
import { tempDir, useTrainerBackend, writeConfig } from './helpers';
import { classImage, writeImageFolder } from './image-folder';
import { trainStreamedAndHeld } from './streamed-vs-held';
import { NEVER_CANCELLED } from './train-in-process';

const settings = (cacheDir: string, inMemory = false) => ({ size: 8, grayscale: false, cacheDir, inMemory });

const cacheFiles = (cacheDir: string): string[] => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir).sort() : []);

void test('an image folder is decoded once into the cache; later loads read it back, streamed or in memory', () => {
  const dir = tempDir('stream-cache');
  writeImageFolder(path.join(dir, 'photos'), { classes: 3, perClass: 5, pixels: 12 });
  const cacheDir = path.join(dir, 'cache');
  const first = loadImageFolder(path.join(dir, 'photos'), 'photos', settings(cacheDir));
  assert.equal(cacheFiles(cacheDir).length, 1);
  const written = fs.statSync(first.cache!.file);
  assert.equal(written.size, 15 * (8 * 8 * 3 + 4), 'one byte per pixel channel, and a 4-byte checksum per image');
  const again = loadImageFolder(path.join(dir, 'photos'), 'photos', settings(cacheDir));
  const held = loadImageFolder(path.join(dir, 'photos'), 'photos', settings(cacheDir, true));
  assert.equal(fs.statSync(first.cache!.file).mtimeMs, written.mtimeMs, 'the cache file was not rewritten');
  assert.deepEqual(Array.from(first.y), [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
  const streamed = readAll(again.x);
  assert.deepEqual(streamed, readAll(held.x), 'streamed and in-memory inputs are the same floats');
  assert.ok(streamed.every((v) => v >= 0 && v <= 1));
  assert.equal(held.cache!.bytes, written.size);
  assert.ok(held.cache!.inMemory && !again.cache!.inMemory);
});

void test('changing an image gives a new cache key: the changed image is decoded again, the old file stays untouched', () => {
  const dir = tempDir('stream-invalidate');
  const files = writeImageFolder(path.join(dir, 'photos'), { classes: 2, perClass: 4, pixels: 10 });
  const cacheDir = path.join(dir, 'cache');
  const before = loadImageFolder(path.join(dir, 'photos'), 'photos', settings(cacheDir));
  const oldRows = readAll(before.x);
  // Replace image 2 (class 0) with a class-1 picture; its modification time moves on as well.
  fs.writeFileSync(files[2]!, classImage(1, 2, 10, 99));
  const later = new Date(fs.statSync(files[2]!).mtimeMs + 5000);
  fs.utimesSync(files[2]!, later, later);
  const after = loadImageFolder(path.join(dir, 'photos'), 'photos', settings(cacheDir));
  assert.notEqual(after.cache!.file, before.cache!.file);
  assert.equal(cacheFiles(cacheDir).length, 2);
  const newRows = readAll(after.x);
  const width = 8 * 8 * 3;
  assert.notDeepEqual(newRows.subarray(2 * width, 3 * width), oldRows.subarray(2 * width, 3 * width));
  assert.deepEqual(newRows.subarray(0, 2 * width), oldRows.subarray(0, 2 * width), 'other images are unchanged');
  assert.deepEqual(readAll(before.x), oldRows, 'the earlier cache file is read-only and still valid for its key');
  // A different resize is a different key as well.
  loadImageFolder(path.join(dir, 'photos'), 'photos', { ...settings(cacheDir), size: 6 });
  assert.equal(cacheFiles(cacheDir).length, 3);
});

const imageConfig = (inMemory: boolean, baseline = true): string => `version: 1
data:
  source: { images: photos, size: 8, in_memory: ${inMemory} }
  split: { validation: 0.2, test: 0.25, seed: 5 }
teacher:
  layers: [ { dense: { units: 24, activation: relu, name: t_hidden } }, { dense: { units: 3 } } ]
  training: { epochs: 3, batch_size: 8, learning_rate: 0.01 }
student:
  layers: [ { dense: { units: 8, activation: relu, name: hidden } }, { dense: { units: 3 } } ]
distillation:
  features: [ { teacher: t_hidden, student: hidden, projection: linear, weight: 0.1 } ]
training: { epochs: 3, batch_size: 8, learning_rate: 0.01 }
evaluation: { baseline: ${baseline}, seeds: 1, robustness: { fgsm_epsilon: 0.05 } }
`;

void test('training streamed from the cache gives the same weights and metrics as holding the images in memory', async () => {
  await useTrainerBackend();
  const dir = tempDir('stream-same');
  writeImageFolder(path.join(dir, 'photos'), { classes: 3, perClass: 16, pixels: 12 });
  const { streamed } = await trainStreamedAndHeld(dir, imageConfig);
  assert.ok(streamed.report.teacher!.metrics.accuracy > 0.5, 'the generated classes are learnable');
  // The teacher's outputs over the training split are in the run, read back per batch: logits and the hint values.
  const outputs = path.join(streamed.runDir, 'teacher', 'outputs');
  const train = streamed.report.dataset!.train;
  assert.equal(fs.statSync(path.join(outputs, 'teacher-train-logits.f32')).size, train * 3 * 4);
  assert.equal(fs.statSync(path.join(outputs, 'teacher-train-hint-1.f32')).size, train * 24 * 4);
});

void test('a damaged image among valid ones fails the run naming the file; replaced, the run resumes to done', async () => {
  await useTrainerBackend();
  const dir = tempDir('stream-corrupt');
  const files = writeImageFolder(path.join(dir, 'photos'), { classes: 3, perClass: 16, pixels: 12 });
  const damaged = files[20]!;
  const good = fs.readFileSync(damaged);
  fs.writeFileSync(damaged, good.subarray(0, 40));
  const configPath = writeConfig(dir, 'img.distill.yaml', imageConfig(false));
  const runDir = path.join(dir, 'run');
  const attempt = (resume: boolean) =>
    runTraining({ configPath, runDir, resume, cancellation: NEVER_CANCELLED, onEvent: () => undefined });
  const failed = await attempt(false);
  assert.equal(failed.report.status, 'failed');
  assert.match(failed.report.error ?? '', /class1[/\\]img000004\.png: not a readable image/);
  assert.deepEqual(
    cacheFiles(path.join(dir, 'runs', '.cache')),
    [],
    'no partial cache file is left (nothing half-decoded can be read later)',
  );
  fs.writeFileSync(damaged, good);
  const resumed = await attempt(true);
  assert.equal(resumed.report.status, 'done', resumed.report.error);
  assert.equal(cacheFiles(path.join(dir, 'runs', '.cache')).length, 1);
});

const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The error for a damaged cache file: it names the file and the image folder, and says the file was removed. */
const damagedCache = (file: string, folder: string, detail: string): RegExp =>
  new RegExp(
    `The decoded image cache ${escaped(file)} of the image folder ${escaped(folder)} is damaged: ${detail}\\. It was removed\\.`,
  );

void test('a cache file cut short while training is read is a clear error naming it and the folder, not garbage inputs', async () => {
  const dir = tempDir('stream-truncated');
  const folder = path.join(dir, 'photos');
  writeImageFolder(folder, { classes: 2, perClass: 4, pixels: 10 });
  const data = loadImageFolder(folder, 'photos', settings(path.join(dir, 'cache')));
  const file = data.cache!.file;
  fs.truncateSync(file, 5 * 8 * 8 * 3);
  assert.throws(
    () => data.x.rows([0, 6]),
    damagedCache(file, folder, 'example 6 is incomplete \\(0 of 192 bytes\\): the file was cut short or replaced'),
  );
  assert.ok(!fs.existsSync(file), 'the damaged file is removed, so the next run fills the cache again');
  await assert.rejects(data.x.rowsAsync([7]), /example 7 is incomplete \(0 of 192 bytes\)/);
  assert.equal(data.x.rows([4]).length, 192, 'complete rows still read');
});

void test('a cache file changed after it was written fails the read naming it and the folder; the next load fills it again', async () => {
  const dir = tempDir('stream-changed');
  const folder = path.join(dir, 'photos');
  writeImageFolder(folder, { classes: 2, perClass: 4, pixels: 10 });
  const cacheDir = path.join(dir, 'cache');
  const data = loadImageFolder(folder, 'photos', settings(cacheDir));
  const file = data.cache!.file;
  const good = readAll(data.x);
  const flipByteOf = (row: number): void => {
    const bytes = fs.readFileSync(file);
    bytes[row * 192 + 17]! ^= 0xff;
    fs.writeFileSync(file, bytes); // same length: only the checksums can tell
  };
  flipByteOf(3);
  assert.throws(
    () => data.x.rows([1, 3]),
    damagedCache(file, folder, 'example 3 differs from what was written when the cache was filled'),
  );
  assert.deepEqual(cacheFiles(cacheDir), [], 'removed');
  const refilled = loadImageFolder(folder, 'photos', settings(cacheDir));
  assert.deepEqual(readAll(refilled.x), good, 'the next load decoded the images again');
  flipByteOf(5);
  await assert.rejects(refilled.x.rowsAsync([5]), /example 5 differs from what was written/);
  loadImageFolder(folder, 'photos', settings(cacheDir)); // fills it again
  flipByteOf(0);
  assert.throws(
    () => loadImageFolder(folder, 'photos', settings(cacheDir, true)),
    damagedCache(file, folder, 'example 0 differs from what was written when the cache was filled'),
    'held in memory, the whole file is checked when it is read',
  );
  assert.deepEqual(cacheFiles(cacheDir), [], 'removed again');
});

void test('a cache file damaged mid-run fails the run naming it and the folder; resumed, the run fills the cache again and keeps the finished teacher', async () => {
  await useTrainerBackend();
  const dir = tempDir('stream-damaged-mid-run');
  writeImageFolder(path.join(dir, 'photos'), { classes: 3, perClass: 16, pixels: 12 });
  // No baseline: its worker process would read (and, once the damaged file is removed, fill) the cache as well.
  const configPath = writeConfig(dir, 'img.distill.yaml', imageConfig(false, false));
  const runDir = path.join(dir, 'run');
  const cacheDir = path.join(dir, 'runs', '.cache');
  const firstEvents: RunEvent[] = [];
  let damaged = false;
  const failed = await runTraining({
    configPath,
    runDir,
    resume: false,
    cancellation: NEVER_CANCELLED,
    onEvent: (event) => {
      firstEvents.push(event);
      if (damaged || event.type !== 'epoch' || event.role !== 'student') return;
      // The teacher is finished and checkpointed; the student's next epoch reads the cache again.
      const [file] = cacheFiles(cacheDir);
      const records = 48 * 8 * 8 * 3;
      const fd = fs.openSync(path.join(cacheDir, file!), 'r+');
      const bytes = Buffer.alloc(records);
      fs.readSync(fd, bytes, 0, records, 0);
      fs.writeSync(
        fd,
        bytes.map((b) => b ^ 0x5a),
        0,
        records,
        0,
      ); // in place: the same length
      fs.closeSync(fd);
      damaged = true;
    },
  });
  assert.ok(damaged, 'the student trained at least one epoch');
  assert.ok(
    firstEvents.some((e) => e.type === 'phase' && /^Decoding 48 images into the shared cache/.test(e.message)),
    'the first run decoded the folder and said so',
  );
  assert.equal(failed.report.status, 'failed');
  assert.match(
    failed.report.error ?? '',
    new RegExp(
      `The decoded image cache ${escaped(cacheDir)}/images-[0-9a-f]+\\.u8 of the image folder ${escaped(path.join(dir, 'photos'))} is damaged: example \\d+ differs`,
    ),
  );
  assert.match(failed.report.hint ?? '', /--resume/);
  assert.deepEqual(cacheFiles(cacheDir), [], 'the damaged file was removed');
  const resumedEvents: RunEvent[] = [];
  const resumed = await runTraining({
    configPath,
    runDir,
    resume: true,
    cancellation: NEVER_CANCELLED,
    onEvent: (event) => resumedEvents.push(event),
  });
  assert.equal(resumed.report.status, 'done', resumed.report.error);
  assert.ok(
    resumedEvents.some((e) => e.type === 'phase' && /^Decoding 48 images/.test(e.message)),
    'decoded again',
  );
  assert.ok(
    !resumedEvents.some((e) => e.type === 'epoch' && e.role === 'teacher'),
    'the finished teacher was kept (resumable state), not trained again',
  );
  assert.equal(cacheFiles(cacheDir).length, 1);
});
