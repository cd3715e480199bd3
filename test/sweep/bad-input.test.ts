/**
 * `distillery sweep` refuses bad input with a clear message, exit code 1 (2 for usage), and loses nothing:
 * no sweep without a sweep section, none from a config with errors, no mixing a changed config into an
 * existing sweep, no retry of an unknown trial, and a clear word when Slurm's commands are missing.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, test } from 'node:test';
import type { SweepIndex } from '../../src/core/protocol/sweep';
import { prepareSweep } from '../../src/sweep/prepare-sweep';
import { tinyConfig } from './fixtures/configs';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');
const SWEEP = '  parameters:\n    - { path: distillation.temperature, values: [2, 4] }';
let work: string;

function cli(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, 'sweep', ...args], {
    cwd: work,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(name: string, text: string): string {
  const file = path.join(work, name);
  fs.writeFileSync(file, text);
  return file;
}

before(() => {
  assert.ok(fs.existsSync(CLI), 'dist/cli.js is missing: run `npm run build`');
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'distillery-sweep-bad-'));
});

void test('a config without a sweep section is refused with how to add one', () => {
  write('plain.distill.yaml', tinyConfig());
  const result = cli(['plain.distill.yaml']);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /has no `sweep` section/);
  assert.match(result.stderr, /sweep: \{ parameters:/);
  assert.equal(fs.existsSync(path.join(work, 'runs')), false, 'nothing was created');
});

void test('a config with errors is refused with its errors listed, before any trial exists', () => {
  write(
    'broken.distill.yaml',
    tinyConfig({ sweep: '  parameters:\n    - { path: distillation.temprature, values: [2, 4] }' }),
  );
  const result = cli(['broken.distill.yaml']);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /broken\.distill\.yaml:\d+:\d+: unknown-key: Sweep parameter `distillation.temprature`/);
  assert.match(result.stderr, /distillery check/);
  assert.equal(fs.existsSync(path.join(work, 'runs', 'broken-sweep')), false);
});

void test('a missing config file is a clear error', () => {
  const result = cli(['nowhere.distill.yaml']);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /Cannot read .*nowhere\.distill\.yaml/);
});

void test('usage errors exit 2 with the usage', () => {
  const result = cli(['a.distill.yaml', '--executor', 'kubernetes']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /--executor must be local or slurm/);
  assert.match(result.stderr, /Usage: distillery sweep CONFIG/);
});

void test('a changed config is not mixed into an existing sweep; the old sweep stays intact', () => {
  const file = write('changing.distill.yaml', tinyConfig({ sweep: SWEEP }));
  const first = prepareSweep(file, 'local');
  const before = fs.readFileSync(path.join(first.store.dir, 'sweep.json'), 'utf8');
  write('changing.distill.yaml', tinyConfig({ sweep: SWEEP, epochs: 3 }));
  const result = cli(['changing.distill.yaml']);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /holds a sweep of a different version of changing\.distill\.yaml/);
  assert.match(result.stderr, /--sweep-dir/);
  assert.equal(
    fs.readFileSync(path.join(first.store.dir, 'sweep.json'), 'utf8'),
    before,
    'the existing index is untouched',
  );
});

void test('retrying a trial that does not exist lists the trials', () => {
  const file = write('retry.distill.yaml', tinyConfig({ sweep: SWEEP }));
  prepareSweep(file, 'local');
  const result = cli(['retry.distill.yaml', '--retry', 'trial-042']);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /--retry trial-042: no such trial/);
  assert.match(result.stderr, /trial-000 \(pending\), trial-001 \(pending\)/);
  const index = JSON.parse(fs.readFileSync(path.join(work, 'runs', 'retry-sweep', 'sweep.json'), 'utf8')) as SweepIndex;
  assert.deepEqual(
    index.trials.map((t) => t.status),
    ['pending', 'pending'],
  );
});

void test('the Slurm executor without sbatch on PATH says where to run it', () => {
  write('nocluster.distill.yaml', tinyConfig({ sweep: SWEEP }));
  // A PATH with nothing on it: this machine's own Slurm client must not be found.
  const emptyBin = fs.mkdtempSync(path.join(os.tmpdir(), 'empty-bin-'));
  const result = cli(['nocluster.distill.yaml', '--executor', 'slurm'], { ...process.env, PATH: emptyBin });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /`sbatch` was not found on PATH/);
  assert.match(result.stderr, /login node/);
  const index = JSON.parse(
    fs.readFileSync(path.join(work, 'runs', 'nocluster-sweep', 'sweep.json'), 'utf8'),
  ) as SweepIndex;
  assert.equal(index.status, 'failed');
  assert.ok(
    index.trials.every((t) => t.status === 'failed' && /sbatch/.test(t.error ?? '')),
    'each trial records why it did not run',
  );
});
