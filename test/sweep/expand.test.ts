/** Expanding a `sweep` section into trials: grid order, budget sampling, random draws, refusals. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { parseConfig } from '../../src/core/config/parse';
import type { SweepConfig } from '../../src/core/config/types';
import { listSweepablePaths, resolveSweepTarget } from '../../src/core/schema/sweep-target';
import { expandSweep, parameterValues } from '../../src/sweep/expand';
import { SweepError } from '../../src/core/sweep-error';
import { tinyConfig } from './fixtures/configs';

function sweepOf(text: string): { sweep: SweepConfig; raw: unknown } {
  const parsed = parseConfig(text);
  assert.deepEqual(
    parsed.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  assert.ok(parsed.config.sweep, 'the config should have a sweep section');
  return { sweep: parsed.config.sweep, raw: parse(text) as unknown };
}

void test('grid search runs every combination once, the last parameter varying fastest', () => {
  const { sweep, raw } = sweepOf(
    tinyConfig({
      sweep:
        '  parameters:\n    - { path: distillation.temperature, values: [2, 4, 8] }\n    - { path: training.optimizer, choices: [adam, sgd] }',
    }),
  );
  const trials = expandSweep(sweep, raw);
  assert.deepEqual(
    trials.map((t) => t.id),
    ['trial-000', 'trial-001', 'trial-002', 'trial-003', 'trial-004', 'trial-005'],
  );
  assert.deepEqual(
    trials.map((t) => [t.params['distillation.temperature'], t.params['training.optimizer']]),
    [
      [2, 'adam'],
      [2, 'sgd'],
      [4, 'adam'],
      [4, 'sgd'],
      [8, 'adam'],
      [8, 'sgd'],
    ],
  );
  assert.deepEqual(parameterValues(trials, sweep), [
    { path: 'distillation.temperature', values: [2, 4, 8] },
    { path: 'training.optimizer', values: ['adam', 'sgd'] },
  ]);
});

void test('a grid larger than the budget runs a seeded sample of distinct combinations, the same every time', () => {
  const text = (seed: number): string =>
    tinyConfig({
      sweep: `  budget: 4\n  seed: ${seed}\n  parameters:\n    - { path: distillation.temperature, values: [1, 2, 3, 4, 5] }\n    - { path: distillation.soft_weight, values: [0.1, 0.5, 0.9] }`,
    });
  const first = expandSweep(sweepOf(text(7)).sweep, sweepOf(text(7)).raw);
  const again = expandSweep(sweepOf(text(7)).sweep, sweepOf(text(7)).raw);
  assert.equal(first.length, 4);
  assert.deepEqual(first, again);
  const keys = first.map((t) => JSON.stringify(t.params));
  assert.equal(new Set(keys).size, 4, 'sampled combinations must be distinct');
  const other = expandSweep(sweepOf(text(8)).sweep, sweepOf(text(8)).raw);
  assert.notDeepEqual(
    other.map((t) => t.params),
    first.map((t) => t.params),
    'another seed should sample other combinations',
  );
});

void test('random search draws within range, on a log scale when asked, and rounds integer keys', () => {
  const { sweep, raw } = sweepOf(
    tinyConfig({
      sweep:
        '  method: random\n  budget: 40\n  seed: 3\n  parameters:\n    - { path: training.learning_rate, min: 0.0001, max: 0.1, scale: log }\n    - { path: student.layers.0.dense.units, min: 2, max: 9 }\n    - { path: training.optimizer, choices: [adam, sgd] }',
    }),
  );
  const trials = expandSweep(sweep, raw);
  assert.equal(trials.length, 40);
  const rates = trials.map((t) => t.params['training.learning_rate'] as number);
  assert.ok(
    rates.every((r) => r >= 0.0001 && r <= 0.1),
    `rates out of range: ${rates.join(', ')}`,
  );
  // On a log scale about half the draws fall below the geometric mean (0.00316); a linear draw would put ~3% there.
  assert.ok(rates.filter((r) => r < 0.00316).length >= 10, 'log-scale draws should spread over the decades');
  const units = trials.map((t) => t.params['student.layers.0.dense.units'] as number);
  assert.ok(
    units.every((u) => Number.isInteger(u) && u >= 2 && u <= 9),
    `units: ${units.join(', ')}`,
  );
  assert.ok(new Set(trials.map((t) => t.params['training.optimizer'])).size === 2);
  assert.deepEqual(expandSweep(sweep, raw), trials, 'the same seed gives the same draws');
});

void test('random search without a budget runs the default number of trials', () => {
  const { sweep, raw } = sweepOf(
    tinyConfig({ sweep: '  method: random\n  parameters:\n    - { path: distillation.temperature, min: 1, max: 10 }' }),
  );
  assert.equal(expandSweep(sweep, raw).length, 10);
});

void test('a path the config cannot take is refused with the reason', () => {
  const { sweep, raw } = sweepOf(
    tinyConfig({ sweep: '  parameters:\n    - { path: student.layers.5.dense.units, values: [4, 8] }' }),
  );
  assert.throws(
    () => expandSweep(sweep, raw),
    (error: unknown) => error instanceof SweepError && /has 2 items: there is no item 5/.test(error.message),
  );
  const grid = sweepOf(
    tinyConfig({ sweep: '  parameters:\n    - { path: distillation.temperature, min: 1, max: 4 }' }),
  );
  assert.throws(() => expandSweep(grid.sweep, grid.raw), /Grid search needs a list/);
});

void test('the sweepable paths of a config are its numeric and enum keys, through its own layers, and all resolve', () => {
  const text = tinyConfig();
  const raw = parse(text) as unknown;
  const paths = listSweepablePaths(raw).map((p) => p.path);
  for (const expected of [
    'distillation.temperature',
    'training.optimizer',
    'training.learning_rate',
    'student.layers.0.dense.units',
    'teacher.layers.1.dense.units',
    'data.split.validation',
  ]) {
    assert.ok(paths.includes(expected), `${expected} should be sweepable`);
  }
  assert.ok(
    !paths.some(
      (p) => p.startsWith('sweep') || p.startsWith('compression.pruning') || p === 'output' || p.includes('conv2d'),
    ),
    'absent sections, text keys and other layer types are not offered',
  );
  for (const p of paths) assert.equal(resolveSweepTarget(p, raw).ok, true, `${p} should resolve`);
});
