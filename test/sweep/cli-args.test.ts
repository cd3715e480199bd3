/** `distillery sweep` command line: flags, and clear usage errors for bad ones. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../src/cli/command';
import { parseSweepArgs } from '../../src/cli/commands/sweep';
import { takeExecutorArgs } from '../../src/cli/commands/train-slurm';
import { checkSlurmResources, resourceFlags } from '../../src/slurm/resources';
import { SweepError } from '../../src/core/sweep-error';

void test('flags parse, in both --flag value and --flag=value forms', () => {
  const parsed = parseSweepArgs([
    'c.distill.yaml',
    '--executor',
    'slurm',
    '--parallel=3',
    '--partition',
    'gpu',
    '--time',
    '01:00:00',
    '--cpus',
    '2',
    '--mem=4G',
    '--retry',
    'trial-002',
    '--json',
  ]);
  assert.deepEqual(parsed, {
    config: 'c.distill.yaml',
    json: true,
    executor: 'slurm',
    parallel: 3,
    retry: 'trial-002',
    slurm: { partition: 'gpu', time: '01:00:00', cpus: 2, mem: '4G' },
  });
  assert.deepEqual(resourceFlags(parsed.slurm!), [
    '--partition=gpu',
    '--time=01:00:00',
    '--cpus-per-task=2',
    '--mem=4G',
  ]);
  assert.equal(parseSweepArgs(['c.distill.yaml']).executor, 'local');
});

void test('bad command lines are usage errors that say what is wrong', () => {
  const cases: [string[], RegExp][] = [
    [[], /give the config/],
    [['a.yaml', 'b.yaml'], /give one config, not 2/],
    [['a.yaml', '--executor', 'k8s'], /--executor must be local or slurm/],
    [['a.yaml', '--parallel', '0'], /--parallel must be a whole number >= 1/],
    [['a.yaml', '--parallel'], /--parallel needs a value/],
    [['a.yaml', '--time', '1:00'], /only apply with --executor slurm/],
    [['a.yaml', '--frobnicate'], /unknown option --frobnicate/],
  ];
  for (const [args, message] of cases)
    assert.throws(
      () => parseSweepArgs(args),
      (e: unknown) => e instanceof UsageError && message.test(e.message),
      args.join(' '),
    );
});

void test('Slurm resources are checked before anything is submitted', () => {
  assert.doesNotThrow(() => checkSlurmResources({ time: '1-12:00', mem: '500M', cpus: 4, partition: 'long_q' }));
  assert.throws(
    () => checkSlurmResources({ time: 'an hour' }),
    (e: unknown) => e instanceof SweepError && /not a Slurm time limit/.test(e.message),
  );
  assert.throws(() => checkSlurmResources({ mem: '4 GB' }), /not a Slurm memory size/);
  assert.throws(() => checkSlurmResources({ partition: 'a b' }), /not a partition name/);
  assert.throws(() => checkSlurmResources({ cpus: 0 }), /--cpus must be a whole number/);
});

void test('distillery train --search-tasks N: the array tasks of a compression search on Slurm', () => {
  const choice = takeExecutorArgs(['c.yaml', '--executor', 'slurm', '--search-tasks=3', '--json']);
  assert.equal(choice.searchTasks, 3);
  assert.deepEqual(choice.rest, ['c.yaml', '--json']);
  assert.equal(takeExecutorArgs(['c.yaml', '--executor', 'slurm']).searchTasks, undefined);
  for (const [args, message] of [
    [['c.yaml', '--executor', 'slurm', '--search-tasks', '0'], /--search-tasks must be a whole number >= 1/],
    [['c.yaml', '--executor', 'slurm', '--search-tasks', 'all'], /--search-tasks must be a whole number >= 1/],
    [['c.yaml', '--search-tasks', '2'], /only apply with --executor slurm/],
  ] as const)
    assert.throws(
      () => takeExecutorArgs(args),
      (e: unknown) => e instanceof UsageError && message.test(e.message),
      args.join(' '),
    );
});
