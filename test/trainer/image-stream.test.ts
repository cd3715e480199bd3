/**
 * Image folders streamed from the decoded-image cache: the cache is filled once and reused, invalidated when an
 * image changes, safe when two processes fill it at once; training streamed from it gives exactly the results of
 * holding it in memory; a damaged image fails the run naming the file, and the run resumes once it is replaced.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { readAll } from '../../src/trainer/data/dataset';
import { loadImageFolder } from '../../src/trainer/data/images';
import { runTraining } from '../../src/trainer/engine';
import { FIXTURES, maxFloatDifference, REPO, tempDir, useTrainerBackend, writeConfig } from './helpers';
import { classImage, writeImageFolder } from './image-folder';

const noCancel = { reason: (): undefined => undefined, cancel: (): void => undefined, dispose: (): void => undefined };

const settings = (cacheDir: string, inMemory = false) => ({ size: 8, grayscale: false, cacheDir, inMemory });

const cacheFiles = (cacheDir: string): string[] => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir).sort() : []);

void test('an image folder is decoded once into the cache; later loads read it back, streamed or in memory', () => {
  const dir = tempDir('stream-cache');
  writeImageFolder(path.join(dir, 'photos'), { classes: 3, perClass: 5, pixels: 12 });
  const cacheDir = path.join(dir, 'cache');
  const first = loadImageFolder(path.join(dir, 'photos'), 'photos', settings(cacheDir));
  assert.equal(cacheFiles(cacheDir).length, 1);
  const written = fs.statSync(first.cache!.file);
  assert.equal(written.size, 15 * 8 * 8 * 3, 'one byte per pixel channel');
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

function fillInChild(folder: string, cacheDir: string): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(FIXTURES, 'fill-image-cache.ts'), folder, cacheDir, '16'],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

void test('two processes filling the same cache at once both succeed and leave one complete file', async () => {
  const dir = tempDir('stream-concurrent');
  const folder = path.join(dir, 'photos');
  writeImageFolder(folder, { classes: 2, perClass: 150, pixels: 48 });
  const cacheDir = path.join(dir, 'cache');
  const [a, b] = await Promise.all([fillInChild(folder, cacheDir), fillInChild(folder, cacheDir)]);
  assert.equal(a.code, 0, a.err);
  assert.equal(b.code, 0, b.err);
  const fromA = JSON.parse(a.out) as { cacheFile: string; count: number };
  const fromB = JSON.parse(b.out) as { cacheFile: string; count: number };
  assert.equal(fromA.cacheFile, fromB.cacheFile);
  assert.deepEqual(cacheFiles(cacheDir), [path.basename(fromA.cacheFile)], 'no temporary file is left behind');
  assert.equal(fs.statSync(fromA.cacheFile).size, 300 * 16 * 16 * 3);
  // The shared file holds exactly what a fresh decode in this process gives.
  const fresh = loadImageFolder(folder, 'photos', { ...settings(path.join(dir, 'fresh')), size: 16 });
  const shared = loadImageFolder(folder, 'photos', { ...settings(cacheDir), size: 16 });
  assert.deepEqual(readAll(shared.x), readAll(fresh.x));
});

const imageConfig = (inMemory: boolean): string => `version: 1
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
evaluation: { baseline: true, seeds: 1, robustness: { fgsm_epsilon: 0.05 } }
`;

void test('training streamed from the cache gives the same weights and metrics as holding the images in memory', async () => {
  await useTrainerBackend();
  const dir = tempDir('stream-same');
  writeImageFolder(path.join(dir, 'photos'), { classes: 3, perClass: 16, pixels: 12 });
  const run = async (inMemory: boolean) => {
    const runDir = path.join(dir, inMemory ? 'run-memory' : 'run-streamed');
    const { report } = await runTraining({
      configPath: writeConfig(dir, `${inMemory ? 'memory' : 'streamed'}.distill.yaml`, imageConfig(inMemory)),
      runDir,
      resume: false,
      cancellation: noCancel,
      onEvent: () => undefined,
    });
    assert.equal(report.status, 'done', report.error);
    return { report, runDir };
  };
  const streamed = await run(false);
  const held = await run(true);
  for (const model of ['teacher', 'student', 'baseline']) {
    const weights = (runDir: string): Buffer => fs.readFileSync(path.join(runDir, model, 'weights.bin'));
    assert.equal(maxFloatDifference(weights(streamed.runDir), weights(held.runDir)), 0, `${model} weights`);
  }
  assert.deepEqual(streamed.report.student!.metrics, held.report.student!.metrics);
  assert.deepEqual(streamed.report.baseline!.metrics, held.report.baseline!.metrics);
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
    runTraining({ configPath, runDir, resume, cancellation: noCancel, onEvent: () => undefined });
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

void test('a cache file cut short while training is read is a clear error naming it, not garbage inputs', async () => {
  const dir = tempDir('stream-truncated');
  writeImageFolder(path.join(dir, 'photos'), { classes: 2, perClass: 4, pixels: 10 });
  const data = loadImageFolder(path.join(dir, 'photos'), 'photos', settings(path.join(dir, 'cache')));
  fs.truncateSync(data.cache!.file, 5 * 8 * 8 * 3);
  const name = path.basename(data.cache!.file).replace(/\./g, '\\.');
  assert.throws(() => data.x.rows([0, 6]), new RegExp(`${name}: example 6 of the decoded image cache is incomplete`));
  await assert.rejects(data.x.rowsAsync([7]), /example 7 of the decoded image cache is incomplete \(0 of 192 bytes\)/);
  assert.equal(data.x.rows([4]).length, 192, 'complete rows still read');
});
