/** Starts the baseline worker process and turns its IPC messages into events and a result. */
import { fork } from 'node:child_process';
import * as path from 'node:path';
import type { RunEvent } from '../../core/protocol/run-events';
import type { BaselineOutcome } from '../phases/baseline-phase';
import type { BaselineJobSpec, ParentMessage, WorkerMessage } from '../worker-protocol';
import { CancelledError, TrainerError } from './errors';

export interface WorkerEnding {
  readonly outcome?: BaselineOutcome & { durations: Record<string, number> };
  readonly error?: Error;
  /** The worker's peak resident memory, when it lived to say it. */
  readonly peakRssBytes?: number;
}

export interface BaselineWorker {
  /** Settles when the worker ends; never rejects (failures are in the value). */
  readonly settled: Promise<WorkerEnding>;
  /** Asks the worker to stop after its current batch (it ends `cancelled`); SIGKILLs it if it has not ended after `graceMs`. */
  cancel(reason: string, graceMs?: number): void;
  /** The worker's process id (for tests and diagnostics). */
  readonly pid: number | undefined;
  /** True once the worker had to be SIGKILLed because it did not stop within its grace after a cancel. */
  readonly killed: () => boolean;
}

/** How long a cancelled worker may take to finish its batch before it is killed (it checks between batches). */
export const WORKER_CANCEL_GRACE_MS = 3000;

/** Source runs (tsx, tests) fork worker.ts through tsx; the built bundles fork dist/trainer-worker.js. */
function workerEntry(): { file: string; execArgv: string[] } {
  if (__filename.endsWith('.ts'))
    return { file: path.join(__dirname, '..', 'worker.ts'), execArgv: ['--import', 'tsx'] };
  return { file: path.join(__dirname, 'trainer-worker.js'), execArgv: [] };
}

export function startBaselineWorker(spec: BaselineJobSpec, onEvent: (event: RunEvent) => void): BaselineWorker {
  const entry = workerEntry();
  const child = fork(entry.file, [JSON.stringify(spec)], {
    execArgv: entry.execArgv,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  let last: WorkerMessage | undefined;
  let ended = false;
  // The worker never outlives this process: whatever way the trainer exits (even process.exit on a second Ctrl-C), it goes too.
  const killOnExit = (): void => {
    if (!ended) child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);
  let graceTimer: NodeJS.Timeout | undefined;
  let killedAfterGrace = false;
  child.on('message', (message: WorkerMessage) => {
    if (message.kind === 'event') onEvent(message.event);
    else last = message;
  });
  const settled = new Promise<WorkerEnding>((resolve) => {
    child.on('error', (error) => resolve({ error }));
    child.on('exit', (code, signal) => {
      ended = true;
      process.off('exit', killOnExit);
      if (graceTimer) clearTimeout(graceTimer);
      const peak =
        last?.kind !== 'event' && last?.peak_rss_bytes !== undefined ? { peakRssBytes: last.peak_rss_bytes } : {};
      if (last?.kind === 'result') {
        const { result, accuracies, durations, budget } = last;
        resolve({
          outcome: { accuracies, durations, ...(result ? { result } : {}), ...(budget ? { budget } : {}) },
          ...peak,
        });
      } else if (last?.kind === 'failed')
        resolve({ error: new TrainerError(`Baseline worker: ${last.error}`, last.hint), ...peak });
      else if (last?.kind === 'cancelled') resolve({ error: new CancelledError(last.reason), ...peak });
      else
        resolve({
          error: new Error(`The baseline worker process ended unexpectedly (${signal ?? `exit code ${code}`}).`),
        });
    });
  });
  return {
    settled,
    pid: child.pid,
    killed: () => killedAfterGrace,
    cancel: (reason, graceMs = WORKER_CANCEL_GRACE_MS) => {
      if (ended) return;
      if (child.connected) child.send({ kind: 'cancel', reason } satisfies ParentMessage, () => undefined); // a closed channel means it is ending anyway
      graceTimer ??= setTimeout(() => {
        if (!ended) killedAfterGrace = child.kill('SIGKILL');
      }, graceMs);
    },
  };
}
