/**
 * A CSV file's encoded rows live in the shared data cache and are read per batch: training that way gives exactly
 * the weights and metrics of holding them in memory (`in_memory: true`); the cache file is reused, replaced when the
 * CSV changes or the file is cut short, and a file cut short while training is a clear error naming it. A CSV whose
 * encoded rows would not fit the memory limit the test sets trains with the trainer's peak below it (the trainer as
 * a real child process, its peak read from its own report).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadCsv } from '../../src/trainer/data/csv';
import { readAll } from '../../src/trainer/data/dataset';
import type { RunReport } from '../../src/core/protocol/report';
import { MEMORY_LIMIT_ENV } from '../../src/trainer/run/memory-budget';
import { FIXTURES, REPO, tempDir, useTrainerBackend, writeConfig } from './helpers';
import { spawnTrainer } from './trainer-process';
import { trainStreamedAndHeld } from './streamed-vs-held';

const MiB = 1024 ** 2;

/** `rows` rows of three learnable classes: two numeric columns, a categorical one, the label. */
function writeCsv(file: string, rows: number): void {
  const lines = ['width,colour,height,kind'];
  for (let r = 0; r < rows; r++) {
    const kind = r % 3;
    const jitter = ((r * 37) % 17) / 17;
    lines.push(
      `${(kind * 2 + jitter).toFixed(3)},${['red', 'green', 'blue'][(r + kind) % 3]},${(5 - kind + jitter).toFixed(3)},k${kind}`,
    );
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

const csvFiles = (cacheDir: string): string[] =>
  fs.existsSync(cacheDir)
    ? fs
        .readdirSync(cacheDir)
        .filter((f) => f.startsWith('csv-'))
        .sort()
    : [];

void test('a CSV is encoded once into the cache; reloads reuse it, an edited CSV or a cut file is encoded again', () => {
  const dir = tempDir('csv-cache');
  const file = path.join(dir, 'data.csv');
  writeCsv(file, 60);
  const cacheDir = path.join(dir, 'cache');
  const load = () => loadCsv(file, 'data.csv', 'kind', { cacheDir, inMemory: false });
  const first = load();
  assert.deepEqual(csvFiles(cacheDir), [path.basename(first.cache!.file)], 'one file, no temporary left');
  assert.equal(fs.statSync(first.cache!.file).size, 60 * 5 * 4, '5 encoded features of 4 bytes per row');
  const written = fs.statSync(first.cache!.file).mtimeMs;
  const rows = readAll(first.x);
  assert.deepEqual(readAll(load().x), rows);
  assert.equal(fs.statSync(first.cache!.file).mtimeMs, written, 'the cache file was not rewritten');
  // Cut short outside Distillery: encoded again on the next load, never read as if whole.
  fs.truncateSync(first.cache!.file, 100);
  assert.deepEqual(readAll(load().x), rows);
  assert.equal(fs.statSync(first.cache!.file).size, 60 * 5 * 4);
  // An edited CSV is a new key; the earlier file stays valid for its own text.
  writeCsv(file, 61);
  const edited = load();
  assert.notEqual(edited.cache!.file, first.cache!.file);
  assert.equal(csvFiles(cacheDir).length, 2);
  assert.equal(edited.y.length, 61);
  assert.deepEqual(readAll(edited.x).subarray(0, rows.length), rows, 'the first 60 rows encode the same');
});

void test('a cache file cut short while training reads it is a clear error naming it, not garbage inputs', async () => {
  const dir = tempDir('csv-cut');
  const file = path.join(dir, 'data.csv');
  writeCsv(file, 30);
  const data = loadCsv(file, 'data.csv', 'kind', { cacheDir: path.join(dir, 'cache'), inMemory: false });
  fs.truncateSync(data.cache!.file, 10 * 5 * 4);
  const name = data.cache!.file.replace(/[.\\/]/g, (c) => `\\${c}`);
  assert.throws(
    () => data.x.rows([2, 12]),
    new RegExp(
      `^TrainerError: ${name} \\(the encoded rows of the CSV file\\): record 12 is incomplete \\(0 of 20 bytes\\)`,
    ),
  );
  await assert.rejects(data.x.rowsAsync([15]), /record 15 is incomplete/);
  assert.equal(data.x.rows([9]).length, 5, 'complete rows still read');
});

function loadInChild(
  file: string,
  cacheDir: string,
): Promise<{ code: number | null; lines: Record<string, string>[]; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(FIXTURES, 'fill-csv-cache.ts'), file, cacheDir], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve) =>
    child.on('close', (code) =>
      resolve({
        code,
        err,
        lines: out
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Record<string, string>),
      }),
    ),
  );
}

void test('two processes loading the same CSV at once: one encodes, both read the one complete file', async () => {
  const dir = tempDir('csv-concurrent');
  const file = path.join(dir, 'data.csv');
  writeCsv(file, 20_000);
  const cacheDir = path.join(dir, 'cache');
  const [a, b] = await Promise.all([loadInChild(file, cacheDir), loadInChild(file, cacheDir)]);
  assert.equal(a.code, 0, a.err);
  assert.equal(b.code, 0, b.err);
  const encoded = [a, b].filter((c) => c.lines.some((l) => l.progress?.startsWith('Encoding 20000 rows')));
  assert.equal(encoded.length, 1, 'exactly one process encoded the rows');
  const [fromA, fromB] = [a, b].map((c) => c.lines.at(-1)!);
  assert.equal(fromA!.cacheFile, fromB!.cacheFile);
  assert.equal(fromA!.inputs, fromB!.inputs);
  assert.deepEqual(csvFiles(cacheDir), [path.basename(fromA!.cacheFile!)], 'no lock or temporary file is left');
  const fresh = loadCsv(file, 'data.csv', 'kind', { cacheDir: path.join(dir, 'fresh'), inMemory: true });
  assert.equal(createHash('sha256').update(readAll(fresh.x)).digest('hex'), fromA!.inputs);
});

const csvConfig = (inMemory: boolean): string => `version: 1
data:
  source: { csv: data.csv, label: kind, in_memory: ${inMemory} }
  split: { validation: 0.2, test: 0.25, seed: 5 }
teacher:
  layers: [ { dense: { units: 16, activation: relu, name: t_hidden } }, { dense: { units: 3 } } ]
  training: { epochs: 3, batch_size: 16, learning_rate: 0.01 }
student:
  layers: [ { dense: { units: 8, activation: relu, name: hidden } }, { dense: { units: 3 } } ]
distillation:
  features: [ { teacher: t_hidden, student: hidden, projection: linear, weight: 0.1 } ]
training: { epochs: 3, batch_size: 16, learning_rate: 0.01 }
evaluation: { baseline: true, seeds: 1, robustness: { fgsm_epsilon: 0.05 } }
`;

void test('training on encoded rows read from the cache gives the same weights and metrics as holding them', async () => {
  await useTrainerBackend();
  const dir = tempDir('csv-same');
  writeCsv(path.join(dir, 'data.csv'), 240);
  const { streamed } = await trainStreamedAndHeld(dir, csvConfig);
  assert.ok(streamed.report.teacher!.metrics.accuracy > 0.6, 'the generated classes are learnable');
  // The trainer, its baseline worker and the second run all read the one cache file.
  assert.equal(csvFiles(path.join(dir, 'runs', '.cache')).length, 1);
});

void test('a CSV whose encoded rows would exceed the memory limit trains streamed with the peak below it', async () => {
  const dir = tempDir('csv-memory');
  // 24,000 rows with a text column of 2,500 values (a postcode, a product id): 325 KB of CSV, but one-hot encoded
  // 24,000 x 2,501 floats = 229 MiB of inputs. Held whole (the path before the cache), the trainer's peak on this
  // run was 439.6 MiB; streamed from the cache, 276.0 MiB (report.peak_rss_bytes, source trainer, this machine).
  const lines = ['x,city,label'];
  for (let r = 0; r < 24_000; r++)
    lines.push(`${(((r * 37) % 100) / 100 + (r % 4)).toFixed(2)},c${r % 2500},k${r % 4}`);
  fs.writeFileSync(path.join(dir, 'wide.csv'), lines.join('\n') + '\n');
  const limit = 400 * MiB;
  const runDir = path.join(dir, 'run');
  const config = `version: 1
data:
  source: { csv: wide.csv, label: label }
  limit: 3000
  split: { validation: 0.1, test: 0.2, seed: 5 }
teacher:
  layers: [ { dense: { units: 16, activation: relu } }, { dense: { units: 4 } } ]
  training: { epochs: 1, batch_size: 64 }
student:
  layers: [ { dense: { units: 8, activation: relu } }, { dense: { units: 4 } } ]
training: { epochs: 1, batch_size: 64 }
evaluation: { baseline: false, seeds: 1 }
`;
  const trainer = spawnTrainer([writeConfig(dir, 'wide.distill.yaml', config), '--run-dir', runDir, '--json'], {
    [MEMORY_LIMIT_ENV]: String(limit),
  });
  const { code } = await trainer.exited;
  const report = JSON.parse(fs.readFileSync(path.join(runDir, 'report.json'), 'utf8')) as RunReport;
  assert.equal(code, 0, `${report.error ?? ''}\n${trainer.stderr.join('')}`);
  const encoded = 24_000 * 2501 * 4;
  assert.deepEqual(report.dataset?.storage && { ...report.dataset.storage, bytes_on_disk: 0 }, {
    bytes_on_disk: 0,
    cache_bytes: encoded,
    resident_bytes: 0,
  });
  assert.equal(csvFiles(path.join(dir, 'runs', '.cache')).length, 1);
  const peak = report.peak_rss_bytes ?? Infinity;
  assert.ok(peak < limit, `peak ${(peak / MiB).toFixed(0)} MiB, limit ${limit / MiB} MiB`);
  const markdown = fs.readFileSync(path.join(runDir, 'report.md'), 'utf8');
  assert.match(markdown, /decoded cache 228\.97 MiB, inputs read per batch/);
});
