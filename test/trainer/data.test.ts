/** Data loading: bundled datasets, seeded stratified splits, CSV and image folders, and their bad inputs. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { decodeFashionImages, loadBundled } from '../../src/trainer/data/bundled';
import { loadCsv } from '../../src/trainer/data/csv';
import { type ImageFolderSettings, loadImageFolder } from '../../src/trainer/data/images';
import { splitIndices } from '../../src/trainer/data/split';
import { TrainerError } from '../../src/trainer/run/errors';
import { tempDir } from './helpers';
import { readAll } from '../../src/trainer/data/dataset';

/** Image-folder settings with a fresh cache folder of this test run. */
function imageSettings(size: number, grayscale: boolean): ImageFolderSettings {
  return { size, grayscale, cacheDir: tempDir('image-cache'), inMemory: false };
}

function rejects(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof TrainerError, `expected a TrainerError, got ${String(error)}`);
    assert.match(error.message, pattern);
    return true;
  });
}

void test('mnist, iris and penguins load from their packages with the expected shapes and classes', () => {
  const mnist = loadBundled('mnist');
  assert.equal(mnist.y.length, 10000);
  assert.deepEqual(mnist.inputShape, [28, 28, 1]);
  assert.equal(mnist.x.count, 10000);
  assert.equal(mnist.x.width, 784);
  assert.ok(readAll(mnist.x).every((v) => v >= 0 && v <= 1));
  const iris = loadBundled('iris');
  assert.equal(iris.y.length, 150);
  assert.deepEqual(iris.classNames.length, 3);
  const penguins = loadBundled('penguins');
  assert.deepEqual(penguins.classNames, ['Adelie', 'Chinstrap', 'Gentoo']);
  assert.ok(
    penguins.y.length > 300 && penguins.y.length < 344,
    `rows with missing values are dropped (${penguins.y.length} of 344 kept)`,
  );
  // 4 numeric columns + 3 islands + 2 sexes, one-hot.
  assert.deepEqual(penguins.inputShape, [9]);
  assert.ok(!readAll(penguins.x).some(Number.isNaN));
});

void test('fashion-mnist loads without its empty records or exact duplicate images', () => {
  const fashion = loadBundled('fashion-mnist');
  assert.equal(fashion.y.length, 69945, '70,002 records, 2 empty and 55 duplicates removed');
  const pixels = readAll(fashion.x);
  assert.equal(pixels.length, fashion.y.length * 784);
  assert.ok(
    pixels.every((v) => v >= 0 && v <= 1),
    'every pixel is a number in [0, 1] (an empty record would decode to NaN)',
  );
  const seen = new Set<string>();
  for (let i = 0; i < fashion.y.length; i++) {
    const key = Buffer.from(pixels.buffer, i * 784 * 4, 784 * 4).toString('base64');
    assert.ok(!seen.has(key), `image ${i} is a duplicate`);
    seen.add(key);
  }
});

void test('fashion-mnist decoding drops records that are not a whole image and images filed under two classes', () => {
  const image = (value: number): number[] => Array.from({ length: 784 }, () => value);
  const decoded = decodeFashionImages([
    [image(0), [], image(255).slice(1), image(10)],
    [image(10), image(20), []],
  ]);
  assert.equal(decoded.incomplete, 3, 'two empty records and one a pixel short');
  assert.deepEqual([...decoded.y], [0, 1], 'image(10) is under both classes: every copy dropped');
  assert.equal(decoded.x.length, 2 * 784);
  assert.equal(decoded.x[784], Math.fround(20 / 255));
  assert.ok(decoded.x.every(Number.isFinite));
});

void test('splits are stratified, disjoint, deterministic for a seed and different for another', () => {
  const labels = Int32Array.from({ length: 1000 }, (_, i) => (i % 10 < 7 ? 0 : 1));
  const a = splitIndices(labels, 2, { validation: 0.1, test: 0.2, seed: 3, unlabeled: 0.5 });
  const b = splitIndices(labels, 2, { validation: 0.1, test: 0.2, seed: 3, unlabeled: 0.5 });
  const c = splitIndices(labels, 2, { validation: 0.1, test: 0.2, seed: 4, unlabeled: 0.5 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.test, c.test);
  const all = [...a.train, ...a.validation, ...a.test];
  assert.equal(new Set(all).size, 1000);
  assert.equal(a.test.length, 200);
  assert.equal(a.test.filter((i) => labels[i] === 1).length, 60, 'the test split keeps the 70/30 class balance');
  assert.equal(a.labeled.filter((l) => !l).length, 350, 'half of the training labels are hidden');
  const limited = splitIndices(labels, 2, { validation: 0.1, test: 0.2, seed: 3, unlabeled: 0, limit: 100 });
  assert.equal(limited.train.length + limited.validation.length + limited.test.length, 100);
});

/** Encoded rows go to a cache folder inside the test's own directory. */
const cached = (dir: string) => ({ cacheDir: path.join(dir, 'cache'), inMemory: false });

function csv(dir: string, text: string): string {
  const file = path.join(dir, 'data.csv');
  fs.writeFileSync(file, text);
  return file;
}

void test('a CSV with numeric and categorical columns loads, one-hot encoding the categories', () => {
  const dir = tempDir('csv');
  const file = csv(dir, 'size,color,"kind, quoted"\n1.5,red,a\n2.5,blue,b\n3.5,red,a\n0.5,green,b\n');
  const data = loadCsv(file, 'data.csv', 'kind, quoted', cached(dir));
  assert.deepEqual(data.classNames, ['a', 'b']);
  assert.deepEqual(data.inputShape, [4]);
  assert.deepEqual(Array.from(data.x.rows([0])), [1.5, 0, 0, 1]);
  assert.deepEqual(Array.from(data.y), [0, 1, 0, 1]);
});

void test('CSV errors name the file and the line: wrong column count, non-numeric value, missing label, unknown label column', () => {
  const dir = tempDir('csv-bad');
  rejects(
    () => loadCsv(csv(dir, 'a,b,label\n1,2,x\n3,4\n5,6,y\n'), 'data.csv', 'label', cached(dir)),
    /data\.csv:3: expected 3 columns .* found 2/,
  );
  rejects(
    () => loadCsv(csv(dir, 'a,b,label\n1,2,x\n3,4,y\n5,oops,x\n7,8,y\n'), 'data.csv', 'label', cached(dir)),
    /data\.csv:4: 'oops' in column 'b' is not a number/,
  );
  rejects(
    () => loadCsv(csv(dir, 'a,b,label\n1,2,x\n3,4,\n5,6,y\n'), 'data.csv', 'label', cached(dir)),
    /data\.csv:3: the label \('label'\) is missing/,
  );
  rejects(
    () => loadCsv(csv(dir, 'a,b,label\n1,2,x\n3,4,y\n'), 'data.csv', 'species', cached(dir)),
    /data\.csv:1: no column named 'species'/,
  );
  rejects(() => loadCsv(path.join(dir, 'absent.csv'), 'absent.csv', 'label', cached(dir)), /absent\.csv: cannot read/);
});

function writePng(file: string, gray: number): void {
  const png = new PNG({ width: 6, height: 4 });
  png.data.fill(gray);
  for (let i = 3; i < png.data.length; i += 4) png.data[i] = 255;
  fs.writeFileSync(file, PNG.sync.write(png));
}

void test('an image folder loads PNG and JPEG files, one class per sub-folder, resized', () => {
  const dir = tempDir('images');
  fs.mkdirSync(path.join(dir, 'dark'));
  fs.mkdirSync(path.join(dir, 'light'));
  writePng(path.join(dir, 'dark', 'a.png'), 10);
  writePng(path.join(dir, 'dark', 'b.png'), 20);
  const pixels = Buffer.alloc(8 * 8 * 4, 240);
  fs.writeFileSync(path.join(dir, 'light', 'c.jpg'), jpeg.encode({ data: pixels, width: 8, height: 8 }, 95).data);
  const data = loadImageFolder(dir, 'images', imageSettings(5, true));
  assert.deepEqual(data.classNames, ['dark', 'light']);
  assert.deepEqual(data.inputShape, [5, 5, 1]);
  assert.deepEqual(Array.from(data.y), [0, 0, 1]);
  const decoded = readAll(data.x);
  assert.ok(Math.abs(decoded[0]! - 10 / 255) < 0.01);
  assert.ok(decoded[50]! > 0.9, 'the JPEG decodes to light pixels');
  const color = loadImageFolder(dir, 'images', imageSettings(3, false));
  assert.deepEqual(color.inputShape, [3, 3, 3]);
});

void test('an empty image folder (or an empty class folder) is a clear error', () => {
  const dir = tempDir('images-empty');
  rejects(() => loadImageFolder(dir, 'images', imageSettings(8, false)), /images: the image folder is empty/);
  fs.mkdirSync(path.join(dir, 'cats'));
  fs.mkdirSync(path.join(dir, 'dogs'));
  writePng(path.join(dir, 'cats', 'a.png'), 100);
  rejects(
    () => loadImageFolder(dir, 'images', imageSettings(8, false)),
    /images\/dogs: this class folder has no PNG or JPEG images/,
  );
  rejects(
    () => loadImageFolder(path.join(dir, 'missing'), 'missing', imageSettings(8, false)),
    /missing: no such folder/,
  );
});
