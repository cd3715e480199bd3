/**
 * Times shipped TF.js files in a fresh child process (shipped-latency-child.ts) that loads only stock
 * @tensorflow/tfjs and the trainer's backend: the trainer's own process has Distillery's wasm kernels registered,
 * a user's process does not. The job and its reply cross over the typed protocol in shipped-latency-protocol.ts.
 * A child that fails or dies ends in a TrainerError saying how (exit code or signal, and its last stderr lines);
 * the caller decides what that costs (the latency phase: a warning, every other result kept).
 */
import { fork } from 'node:child_process';
import * as path from 'node:path';
import { TrainerError } from '../run/errors';
import type { ShippedLatencyJob, ShippedLatencyReply, StockBackend } from '../shipped-latency-protocol';

type Timed = Extract<ShippedLatencyReply, { kind: 'timed' }>;

/** How much of the child's stderr a failure quotes (its last characters). */
const STDERR_TAIL = 2000;

/** Source runs (tsx: tests) fork the .ts through tsx; the bundles fork dist/shipped-latency-child.js next to them. */
function childEntry(): { file: string; execArgv: string[] } {
  if (__filename.endsWith('.ts'))
    return { file: path.join(__dirname, '..', 'shipped-latency-child.ts'), execArgv: ['--import', 'tsx'] };
  return { file: path.join(__dirname, 'shipped-latency-child.js'), execArgv: [] };
}

export function isStockBackend(name: string): name is StockBackend {
  return name === 'tensorflow' || name === 'wasm' || name === 'cpu';
}

export interface CleanProcessOptions {
  /** Called with the child's pid once it is started (diagnostics, and the tests that kill it). */
  readonly onStart?: (pid: number | undefined) => void;
}

export function timeInCleanProcess(
  job: Omit<ShippedLatencyJob, 'kind'>,
  options: CleanProcessOptions = {},
): Promise<Timed> {
  const entry = childEntry();
  const child = fork(entry.file, [], {
    execArgv: entry.execArgv,
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  options.onStart?.(child.pid);
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL);
  });
  let ended = false;
  // The child never outlives the trainer, whatever way the trainer exits.
  const killOnExit = (): void => {
    if (!ended) child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);
  let replied: ShippedLatencyReply | undefined;
  child.on('message', (message: ShippedLatencyReply) => {
    replied ??= message;
  });
  // With a callback, a failed send (the child died first: EPIPE) is not an 'error' event racing 'close'; the close
  // says how the child ended, which is the reason worth reporting.
  child.send({ kind: 'time', ...job } satisfies ShippedLatencyJob, () => undefined);
  return new Promise<Timed>((resolve, reject) => {
    const fail = (why: string): void => {
      const tail = stderr.trim();
      reject(
        new TrainerError(
          `Timing the shipped files in a fresh process failed: ${why}${tail ? `. Its last output: ${tail}` : ''}`,
          'Every other result of the run is kept; `distillery export RUN_DIR` measures the shipped files again.',
          'SHIPPED_LATENCY_PROCESS',
        ),
      );
    };
    child.on('error', (error) => fail(error.message));
    child.on('close', (code, signal) => {
      ended = true;
      process.off('exit', killOnExit);
      if (replied?.kind === 'timed') resolve(replied);
      else if (replied?.kind === 'failed') fail(replied.error);
      else fail(`the process ended before it replied (${signal ? `signal ${signal}` : `exit code ${code}`})`);
    });
  });
}
