/** An image folder: one sub-folder per class (sorted by name), PNG/JPEG files inside, resized to size x size. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TrainerError } from '../run/errors';
import { type Dataset, inMemoryExamples } from './dataset';
import { readImageInto } from './image-decode';

const IMAGE = /\.(png|jpe?g)$/i;

export function loadImageFolder(folder: string, shownPath: string, size: number, grayscale: boolean): Dataset {
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    throw new TrainerError(
      `${shownPath}: no such folder.`,
      'data.source.images must be a folder with one sub-folder per class (relative to the config file).',
    );
  }
  const classNames = fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const files = classNames.map((name) =>
    fs
      .readdirSync(path.join(folder, name))
      .filter((f) => IMAGE.test(f))
      .sort()
      .map((f) => path.join(folder, name, f)),
  );
  const total = files.reduce((n, f) => n + f.length, 0);
  if (classNames.length === 0 || total === 0) {
    throw new TrainerError(
      `${shownPath}: the image folder is empty (no class sub-folders with PNG or JPEG files).`,
      "Put each class's images in its own sub-folder, e.g. images/cat/1.png and images/dog/1.jpg.",
    );
  }
  const emptyClass = classNames.find((_, i) => files[i]!.length === 0);
  if (emptyClass)
    throw new TrainerError(
      `${shownPath}/${emptyClass}: this class folder has no PNG or JPEG images.`,
      'Add images to it or remove the folder.',
    );
  if (classNames.length < 2)
    throw new TrainerError(
      `${shownPath}: found only one class folder (${classNames[0]}); classification needs at least two.`,
    );
  const channels = grayscale ? 1 : 3;
  const perImage = size * size * channels;
  const x = new Float32Array(total * perImage);
  const y = new Int32Array(total);
  let index = 0;
  files.forEach((list, label) => {
    for (const file of list) {
      readImageInto(file, size, grayscale, x, index * perImage);
      y[index++] = label;
    }
  });
  return {
    name: shownPath,
    classNames,
    inputShape: [size, size, channels],
    x: inMemoryExamples(x, perImage),
    y,
    valueRange: [0, 1],
    standardize: false,
  };
}
