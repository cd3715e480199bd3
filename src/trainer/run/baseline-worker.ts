/** Starts the baseline worker process and turns its IPC messages into events and a result. */
import { fork } from 'node:child_process';
import * as path from 'node:path';
import type { RunEvent } from '../../core/protocol/run-events';
import type { BaselineOutcome } from '../phases/baseline-phase';
import type { BaselineJobSpec, ParentMessage, WorkerMessage } from '../worker-protocol';
import { CancelledError, TrainerError } from './errors';

export interface BaselineWorker {
  /** Settles when the worker ends; never rejects (failures are in the value). */
  readonly settled: Promise<{ outcome?: BaselineOutcome & { durations: Record<string, number> }; error?: Error }>;
  cancel(reason: string): void;
}

/** Source runs (tsx, tests) fork worker.ts through tsx; the built bundles fork dist/trainer-worker.js. */
function workerEntry(): { file: string; execArgv: string[] } {
  if (__filename.endsWith('.ts')) return { file: path.join(__dirname, '..', 'worker.ts'), execArgv: ['--import', 'tsx'] };
  return { file: path.join(__dirname, 'trainer-worker.js'), execArgv: [] };
}

export function startBaselineWorker(spec: BaselineJobSpec, onEvent: (event: RunEvent) => void): BaselineWorker {
  const entry = workerEntry();
  const child = fork(entry.file, [JSON.stringify(spec)], { execArgv: entry.execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  let last: WorkerMessage | undefined;
  child.on('message', (message: WorkerMessage) => {
    if (message.kind === 'event') onEvent(message.event);
    else last = message;
  });
  const settled = new Promise<{ outcome?: BaselineOutcome & { durations: Record<string, number> }; error?: Error }>((resolve) => {
    child.on('error', (error) => resolve({ error }));
    child.on('exit', (code, signal) => {
      if (last?.kind === 'result') {
        const { result, accuracies, durations } = last;
        resolve({ outcome: { accuracies, durations, ...(result ? { result } : {}) } });
      } else if (last?.kind === 'failed') resolve({ error: new TrainerError(`Baseline worker: ${last.error}`, last.hint) });
      else if (last?.kind === 'cancelled') resolve({ error: new CancelledError(last.reason) });
      else resolve({ error: new Error(`The baseline worker process ended unexpectedly (${signal ?? `exit code ${code}`}).`) });
    });
  });
  return {
    settled,
    cancel: (reason) => { if (child.connected) child.send({ kind: 'cancel', reason } satisfies ParentMessage); },
  };
}
