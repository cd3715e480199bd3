/**
 * The decoded image cache shared by processes (sweep trials, Slurm array tasks): the first fills it, the others
 * wait for it and read the finished file; a filler killed mid-fill or gone silent (another host) leaves a stale lock
 * that the next process takes over, and nothing half-written is ever read. Real processes (the fill-image-cache
 * fixture) stopped, continued and killed with real signals.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { afterEach, test } from 'node:test';
import { readAll } from '../../src/trainer/data/dataset';
import { fillingFileOf, fillLockOf, FILL_LOCK_STALE_MS } from '../../src/trainer/data/fill-lock';
import { cachedImages, imageCacheKey } from '../../src/trainer/data/image-cache';
import { loadImageFolder } from '../../src/trainer/data/images';
import { FIXTURES, REPO, tempDir } from './helpers';
import { writeImageFolder } from './image-folder';

interface Filled {
  cacheFile: string;
  count: number;
  filled: boolean;
  waitedFor?: { pid: number; host: string };
  inputs: string;
}

interface Filler {
  readonly child: ChildProcess;
  readonly progress: string[];
  /** Resolves with the first progress message matching `pattern`. */
  next(pattern: RegExp): Promise<string>;
  readonly result: Promise<{ code: number | null; signal: NodeJS.Signals | null; filled?: Filled; err: string }>;
}

const SIZE = 16;

/** Every filler a test started, killed when the test ends (one stopped by a failed test would keep the run waiting). */
const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function startFiller(folder: string, cacheDir: string): Filler {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(FIXTURES, 'fill-image-cache.ts'), folder, cacheDir, String(SIZE)],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  started.push(child);
  const progress: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  let filled: Filled | undefined;
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    const value = JSON.parse(line) as { progress?: string } & Partial<Filled>;
    if (value.progress === undefined) {
      filled = value as Filled;
      return;
    }
    progress.push(value.progress);
    for (const w of [...waiters])
      if (w.pattern.test(value.progress)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(value.progress);
      }
  });
  const result = new Promise<{ code: number | null; signal: NodeJS.Signals | null; filled?: Filled; err: string }>(
    (resolve) => child.on('close', (code, signal) => resolve({ code, signal, ...(filled ? { filled } : {}), err })),
  );
  return {
    child,
    progress,
    result,
    next: (pattern) =>
      new Promise<string>((resolve, reject) => {
        const seen = progress.find((p) => pattern.test(p));
        if (seen) return resolve(seen);
        waiters.push({ pattern, resolve });
        void result.then(() =>
          reject(new Error(`the filler ended before saying ${pattern}; it said ${progress}; ${err}`)),
        );
      }),
  };
}

const settings = (cacheDir: string) => ({ size: SIZE, grayscale: false, cacheDir, inMemory: false });

/** The cache as a fresh decode in this process gives it (a cache folder of its own). */
function freshInputs(folder: string, dir: string): Float32Array {
  return readAll(loadImageFolder(folder, 'photos', settings(path.join(dir, 'fresh'))).x);
}

/** The digest of inputs the fixture prints. */
const sha = (values: Float32Array): string => createHash('sha256').update(values).digest('hex');

void test('two processes on the same uncached folder: one decodes, the other waits for it, both read the same inputs', async () => {
  const dir = tempDir('cache-lock-wait');
  const folder = path.join(dir, 'photos');
  writeImageFolder(folder, { classes: 2, perClass: 200, pixels: 32 });
  const cacheDir = path.join(dir, 'cache');
  const first = startFiller(folder, cacheDir);
  await first.next(/^Decoding 400 images into the shared cache/);
  // Held mid-fill, so the second process certainly finds the lock taken (it is alive, just not running).
  first.child.kill('SIGSTOP');
  const second = startFiller(folder, cacheDir);
  const waiting = await second.next(/^Waiting for the image cache/);
  assert.match(waiting, new RegExp(`being filled by pid ${first.child.pid} on ${os.hostname()}`));
  first.child.kill('SIGCONT');
  const [a, b] = await Promise.all([first.result, second.result]);
  assert.equal(a.code, 0, a.err);
  assert.equal(b.code, 0, b.err);
  assert.equal(a.filled!.filled, true, 'the first process decoded');
  assert.equal(b.filled!.filled, false, 'the second did not decode');
  assert.ok(!second.progress.some((p) => p.startsWith('Decoding')), `the second never decoded: ${second.progress}`);
  assert.equal(b.filled!.waitedFor!.pid, first.child.pid);
  assert.equal(a.filled!.cacheFile, b.filled!.cacheFile);
  assert.equal(a.filled!.inputs, b.filled!.inputs, 'both read identical inputs');
  assert.equal(a.filled!.inputs, sha(freshInputs(folder, dir)), '... which are what a fresh decode gives');
  assert.deepEqual(fs.readdirSync(cacheDir), [path.basename(a.filled!.cacheFile)], 'no lock or temporary file is left');
});

void test('a filler killed mid-fill leaves a stale lock: the next process takes it over, removes the half-written file and fills', async () => {
  const dir = tempDir('cache-lock-killed');
  const folder = path.join(dir, 'photos');
  writeImageFolder(folder, { classes: 2, perClass: 200, pixels: 32 });
  const cacheDir = path.join(dir, 'cache');
  const killed = startFiller(folder, cacheDir);
  const decoding = await killed.next(/^Decoding 400 images into the shared cache/);
  // Said once its temporary file exists; stopped there, so what a kill mid-fill leaves is certain.
  killed.child.kill('SIGSTOP');
  const target = /shared cache (.*)\.$/.exec(decoding)![1]!;
  const pid = killed.child.pid!;
  assert.ok(fs.existsSync(fillLockOf(target)), 'stopped mid-fill: the lock is held');
  assert.ok(fs.existsSync(fillingFileOf(target, { host: os.hostname(), pid })), 'and its temporary file exists');
  assert.ok(!fs.existsSync(target), 'and the cache file does not exist yet');
  killed.child.kill('SIGKILL');
  assert.equal((await killed.result).signal, 'SIGKILL');
  const next = startFiller(folder, cacheDir);
  const after = await next.result;
  assert.equal(after.code, 0, after.err);
  assert.equal(after.filled!.filled, true, 'the next process filled the cache itself');
  assert.equal(after.filled!.inputs, sha(freshInputs(folder, dir)));
  assert.deepEqual(fs.readdirSync(cacheDir), [path.basename(target)], 'the stale lock and half-written file are gone');
});

void test("a lock from another host not refreshed for longer than the stale timeout is taken over, with its holder's temporary file", () => {
  const dir = tempDir('cache-lock-silent');
  const folder = path.join(dir, 'photos');
  const files = writeImageFolder(folder, { classes: 2, perClass: 3, pixels: 12 });
  const cacheDir = path.join(dir, 'cache');
  fs.mkdirSync(cacheDir);
  const target = path.join(cacheDir, `images-${imageCacheKey(folder, files, { size: SIZE, grayscale: false })}.u8`);
  const holder = { pid: 4242, host: 'another-host', started: '2026-01-01T00:00:00.000Z' };
  fs.writeFileSync(fillLockOf(target), JSON.stringify(holder));
  fs.writeFileSync(fillingFileOf(target, holder), 'half of a cache');
  const silentSince = new Date(Date.now() - FILL_LOCK_STALE_MS - 5_000);
  fs.utimesSync(fillLockOf(target), silentSince, silentSince);
  const outcome = cachedImages(cacheDir, folder, files, { size: SIZE, grayscale: false });
  assert.equal(outcome.filled, true);
  assert.equal(outcome.file, target);
  assert.deepEqual(fs.readdirSync(cacheDir), [path.basename(target)]);
});
