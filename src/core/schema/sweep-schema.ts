/**
 * The `sweep` section: hyperparameter search (grid or random) over numeric and enum keys of the same config.
 * `distillery sweep` expands it into trials, each an ordinary run with the trial's values applied.
 */
import type { ObjectNode } from './types';

/** Metrics a sweep can optimise, each read from the student's validation-split results. */
export const SWEEP_METRICS = ['accuracy', 'loss', 'agreement', 'kl_to_teacher', 'ece'] as const;
export type SweepMetric = (typeof SWEEP_METRICS)[number];

/** The direction each metric improves in; `goal` defaults to it. */
export const NATURAL_GOAL: Readonly<Record<SweepMetric, 'maximize' | 'minimize'>> = {
  accuracy: 'maximize',
  agreement: 'maximize',
  loss: 'minimize',
  kl_to_teacher: 'minimize',
  ece: 'minimize',
};

/** Random search draws this many trials when `budget` is not given. */
export const DEFAULT_RANDOM_BUDGET = 10;

const parameterSchema: ObjectNode = {
  kind: 'object',
  title: 'Swept parameter',
  doc: 'One config key and the values the sweep tries for it. Give `values` (numbers) or `choices` (names of an enum key) for grid and random search, or `min` and `max` for random search only.',
  required: ['path'],
  exclusive: [
    ['values', 'choices', 'min'],
    ['values', 'choices', 'max'],
  ],
  properties: {
    path: {
      kind: 'string',
      title: 'Config key',
      doc: 'Dotted path of a numeric or enum key of this config, e.g. `distillation.temperature`, `student.from_teacher.width`, `training.optimizer` or `student.layers.0.dense.units` (list items by index).',
    },
    values: {
      kind: 'array',
      minItems: 1,
      title: 'Values',
      doc: 'Numbers to try (each must be legal for the key).',
      items: { kind: 'number', title: 'Value', doc: 'One value of the key.' },
    },
    choices: {
      kind: 'array',
      minItems: 1,
      title: 'Choices',
      doc: 'Names to try for an enum key (e.g. `[adam, sgd]`).',
      items: { kind: 'string', title: 'Choice', doc: 'One allowed name of the key.' },
    },
    min: { kind: 'number', title: 'Lower bound', doc: 'Random search: smallest value drawn (inclusive).' },
    max: { kind: 'number', title: 'Upper bound', doc: 'Random search: largest value drawn (inclusive).' },
    scale: {
      kind: 'string',
      enum: ['linear', 'log'],
      default: 'linear',
      title: 'Scale',
      doc: 'How random search draws between `min` and `max`.',
      enumDocs: {
        linear: 'Uniformly between `min` and `max`.',
        log: 'Uniformly in log space (for learning rates and other scale-free knobs); needs `min` > 0.',
      },
    },
  },
};

export const sweepSchema: ObjectNode = {
  kind: 'object',
  title: 'Sweep',
  doc: 'Hyperparameter search over this config. `distillery sweep` runs every trial as an ordinary run directory under one sweep directory, locally or as one Slurm job array, and picks the best trial by `metric` on the **validation** split (the test split stays untouched for the final report).',
  required: ['parameters'],
  properties: {
    method: {
      kind: 'string',
      enum: ['grid', 'random'],
      default: 'grid',
      title: 'Search method',
      doc: 'How trials are chosen.',
      enumDocs: {
        grid: 'Every combination of the listed values (a seeded sample of `budget` combinations when the grid is larger).',
        random: '`budget` trials, each drawing every parameter independently (seeded by `seed`).',
      },
    },
    parameters: {
      kind: 'array',
      minItems: 1,
      title: 'Swept parameters',
      doc: 'The keys varied by the sweep and their values.',
      items: parameterSchema,
    },
    metric: {
      kind: 'string',
      enum: SWEEP_METRICS,
      default: 'accuracy',
      title: 'Objective metric',
      doc: 'Student metric that selects the best trial, measured on the validation split.',
      enumDocs: {
        accuracy: 'Top-1 accuracy (higher is better).',
        loss: 'Cross-entropy with the true labels (lower is better).',
        agreement: "Share of examples where the student's top-1 equals the teacher's (higher is better).",
        kl_to_teacher: 'Mean KL(teacher || student) at T = 1 (lower is better).',
        ece: 'Expected calibration error (lower is better).',
      },
    },
    goal: {
      kind: 'string',
      enum: ['maximize', 'minimize'],
      title: 'Goal',
      doc: "Whether a larger or smaller `metric` is better. Defaults to the metric's natural direction (maximize accuracy and agreement, minimize loss, KL and ECE).",
    },
    split: {
      kind: 'string',
      enum: ['validation', 'test'],
      default: 'validation',
      title: 'Selection split',
      doc: 'Split on which `metric` is measured to pick the best trial. Selecting on `test` leaks the test set into the choice and makes the reported test accuracy optimistic.',
      enumDocs: {
        validation: 'The held-out validation split (recommended).',
        test: 'The test split (biased: see the risk warning).',
      },
    },
    budget: {
      kind: 'number',
      integer: true,
      min: 1,
      max: 10000,
      title: 'Trial budget',
      doc: `Most trials to run. Grid search runs the whole grid when absent; random search runs ${DEFAULT_RANDOM_BUDGET}.`,
    },
    seed: {
      kind: 'number',
      integer: true,
      min: 0,
      default: 0,
      title: 'Sweep seed',
      doc: "Seed of the random draws and of every trial's training (the same for all trials, so trials differ only in their parameters).",
    },
  },
};
