/**
 * The hostile-input catalogue: each case feeds one bad input or fault to a real part and asserts it ends in
 * a clear error or a correct result, with nothing deleted or written outside its place. Child processes are
 * watched: above 2 GB of resident memory or silent for more than 5 s while running fails the case.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';

export const REPO = path.resolve(__dirname, '..', '..');
export const MAX_RSS_BYTES = 2 * 1024 ** 3;
export const MAX_SILENCE_MS = 5000;
const STARTUP_MS = 30_000;

const counts = new Map<string, { total: number; passed: number }>();

/** Registers one hostile input of `part` (counted in the summary printed at the end). */
export function hostile(part: string, name: string, body: () => void | Promise<void>): void {
  const count = counts.get(part) ?? { total: 0, passed: 0 };
  counts.set(part, count);
  count.total++;
  void test(`[${part}] ${name}`, async () => {
    await body();
    assert.ok(process.memoryUsage().rss < MAX_RSS_BYTES, 'the test process stays under 2 GB');
    count.passed++;
  });
}

/** Registers a group of hostile inputs sharing one check (each counted). */
export function hostileEach<T>(
  part: string,
  cases: Record<string, T>,
  body: (input: T, name: string) => void | Promise<void>,
): void {
  for (const [name, input] of Object.entries(cases)) hostile(part, name, () => body(input, name));
}

after(() => {
  let total = 0;
  let passed = 0;
  const lines = [...counts].map(([part, c]) => {
    total += c.total;
    passed += c.passed;
    return `  ${part.padEnd(10)} ${c.passed}/${c.total}`;
  });
  process.stdout.write(`hostile inputs: ${passed} of ${total} handled\n${lines.join('\n')}\n`);
});

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `distillery-hostile-${prefix}-`));
}

/** Every file under `dir` with its size and content hash-free fingerprint (size + mtime), links as their target text. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (current: string): void => {
    for (const name of fs.readdirSync(current).sort()) {
      const file = path.join(current, name);
      const stat = fs.lstatSync(file);
      const key = path.relative(dir, file);
      if (stat.isSymbolicLink()) out[key] = `link:${fs.readlinkSync(file)}`;
      else if (stat.isDirectory()) {
        out[key] = 'dir';
        walk(file);
      } else out[key] = `file:${stat.size}:${fs.readFileSync(file, 'utf8').slice(0, 200)}`;
    }
  };
  walk(dir);
  return out;
}

export interface ChildResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly peakRssBytes: number;
}

function rssOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Runs `node [--import tsx] entry args` and watches it: killed (and the case failed) above 2 GB RSS, after
 * `silenceMs` without output once it has spoken (the first words may take up to STARTUP_MS: tsx compiles the
 * source and TensorFlow.js loads on a shared machine), or after `timeoutMs` in all.
 */
export function runNode(
  entry: string,
  args: readonly string[],
  options: { cwd?: string; silenceMs?: number; timeoutMs?: number; stdin?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ChildResult> {
  const source = entry.endsWith('.ts');
  const child = spawn(process.execPath, [...(source ? ['--import', 'tsx'] : []), entry, ...args], {
    cwd: options.cwd ?? REPO,
    env: { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.end(options.stdin ?? '');
  let stdout = '';
  let stderr = '';
  let lastOutput = Date.now() + STARTUP_MS - (options.silenceMs ?? MAX_SILENCE_MS);
  const started = Date.now();
  let peak = 0;
  let problem: string | undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    lastOutput = Date.now();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    lastOutput = Date.now();
  });
  const silenceMs = options.silenceMs ?? MAX_SILENCE_MS;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const watch = setInterval(() => {
    peak = Math.max(peak, rssOf(child.pid!));
    const now = Date.now();
    if (peak > MAX_RSS_BYTES) problem = `above 2 GB RSS (${Math.round(peak / 1024 ** 2)} MB)`;
    else if (now - lastOutput > silenceMs) problem = `silent for more than ${silenceMs} ms`;
    else if (now - started > timeoutMs) problem = `still running after ${timeoutMs} ms`;
    if (problem) child.kill('SIGKILL');
  }, 100);
  return new Promise((resolve, reject) => {
    child.on('close', (code, signal) => {
      clearInterval(watch);
      if (problem) reject(new Error(`${path.basename(entry)} ${args.join(' ')}: ${problem}\nstderr:\n${stderr}`));
      else resolve({ code, signal, stdout, stderr, peakRssBytes: peak });
    });
  });
}

export const CLI = path.join(REPO, 'src/cli/main.ts');
export const TRAINER = path.join(REPO, 'src/trainer/main.ts');

/** The smallest real run: iris, a 1-epoch teacher and student, no baseline. */
export const TINY_IRIS = `version: 1
data:
  source: iris
  split: { validation: 0.2, test: 0.3, seed: 1 }
teacher:
  layers:
    - dense: { units: 8, activation: relu }
    - dense: { units: 3 }
  training: { epochs: 1, batch_size: 32 }
student:
  layers:
    - dense: { units: 4, activation: relu }
    - dense: { units: 3 }
training: { epochs: 1, batch_size: 32 }
evaluation: { baseline: false, seeds: 1 }
output: runs
`;

/** `TINY_IRIS` with a loaded teacher model instead of a trained one. */
export function withTeacherModel(model: string): string {
  return TINY_IRIS.replace(/teacher:\n( {2}.*\n)+/, `teacher:\n  model: ${model}\n`);
}
