/** Config `data` section -> training (with its labeled mask), validation and test sets, ready for tensors. */
import * as path from 'node:path';
import type { DatasetSummary } from '../../core/protocol/report';
import type { DistillConfig } from '../../core/config/types';
import { DATA_CACHE_DIR, DATA_CACHE_ENV } from '../../core/runs/layout';
import { TrainerError } from '../run/errors';
import { loadBundled } from './bundled';
import { loadCsv } from './csv';
import { type Dataset, subset } from './dataset';
import type { CacheProgress } from './image-cache';
import { loadImageFolder } from './images';
import { splitIndices } from './split';
import { type FeatureStandardization, standardizeWith } from './standardize';

export interface PreparedData {
  readonly classNames: readonly string[];
  readonly inputShape: readonly number[];
  readonly valueRange?: readonly [number, number];
  readonly train: Dataset;
  /** 1 where the student may see the label of `train`'s example, 0 where it only gets soft targets. */
  readonly labeledMask: Float32Array;
  readonly validation: Dataset;
  readonly test: Dataset;
  /** Tabular data: the student's standardisation of the splits (a teacher trained elsewhere gets it undone). */
  readonly standardization?: FeatureStandardization;
  readonly summary: DatasetSummary;
  /** The data cache the inputs are read from (image folders, CSV files). */
  readonly cache?: Dataset['cache'];
}

/** The decoded-data cache: `DISTILLERY_CACHE_DIR`, else `.cache` in the config's runs folder (`output`). */
export function cacheFolderOf(config: DistillConfig, configDir: string): string {
  const fromEnvironment = process.env[DATA_CACHE_ENV];
  return fromEnvironment
    ? path.resolve(fromEnvironment)
    : path.join(path.resolve(configDir, config.output), DATA_CACHE_DIR);
}

/** `progress` hears what the data cache does (decoding, or waiting for another process filling it). */
export function loadSource(config: DistillConfig, configDir: string, progress?: CacheProgress): Dataset {
  const source = config.data.source;
  switch (source.kind) {
    case 'bundled':
      return loadBundled(source.name);
    case 'csv':
      return loadCsv(path.resolve(configDir, source.csv), source.csv, source.label, {
        cacheDir: cacheFolderOf(config, configDir),
        inMemory: source.in_memory,
        ...(progress ? { progress } : {}),
      });
    case 'images':
      return loadImageFolder(path.resolve(configDir, source.images), source.images, {
        size: source.size,
        grayscale: source.grayscale,
        cacheDir: cacheFolderOf(config, configDir),
        inMemory: source.in_memory,
        ...(progress ? { progress } : {}),
      });
  }
}

export function prepareData(config: DistillConfig, configDir: string, progress?: CacheProgress): PreparedData {
  const full = loadSource(config, configDir, progress);
  const { split, unlabeled, limit } = config.data;
  const indices = splitIndices(full.y, full.classNames.length, {
    ...split,
    unlabeled,
    ...(limit === undefined ? {} : { limit }),
  });
  if (indices.test.length === 0)
    throw new TrainerError(
      `${full.name}: the test split is empty (${indices.train.length} training examples).`,
      'Raise data.split.test or use more data (data.limit).',
    );
  if (!indices.labeled.some(Boolean))
    throw new TrainerError(
      'No labeled training examples are left after the split.',
      'Lower data.unlabeled or the validation/test shares.',
    );
  let train = subset(full, indices.train);
  let validation = subset(full, indices.validation);
  let test = subset(full, indices.test);
  let standardization: FeatureStandardization | undefined;
  if (full.standardize) {
    const standardized = standardizeWith(train, [validation, test]);
    [train, validation, test] = standardized.datasets as [Dataset, Dataset, Dataset];
    standardization = standardized.standardization;
  }
  const labeledMask = Float32Array.from(indices.labeled, (l) => (l ? 1 : 0));
  return {
    classNames: full.classNames,
    inputShape: full.inputShape,
    ...(full.valueRange ? { valueRange: full.valueRange } : {}),
    train,
    labeledMask,
    validation,
    test,
    ...(standardization ? { standardization } : {}),
    ...(full.cache ? { cache: full.cache } : {}),
    summary: {
      name: full.name,
      classes: full.classNames,
      train: train.y.length,
      validation: validation.y.length,
      test: test.y.length,
      unlabeled: indices.labeled.filter((l) => !l).length,
    },
  };
}
