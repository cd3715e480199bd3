/** Messages between the trainer and its baseline worker process (Node IPC channel of `child_process.fork`). */
import type { LayerSpec } from '../core/config/types';
import type { ModelResult, TrainingBudget } from '../core/protocol/report';
import type { RunEvent } from '../core/protocol/run-events';
import type { BackendPreference } from './backend/select-backend';

export interface BaselineJobSpec {
  readonly configPath: string;
  readonly runDir: string;
  readonly baseSeed: number;
  readonly resume: boolean;
  /** The student's layers exactly as the trainer built them (so the baseline starts from the same weights). */
  readonly layers: readonly LayerSpec[];
  readonly backend?: BackendPreference;
}

/** Every last message says the worker's peak resident memory (bytes), which only it can read (maxrss). */
interface Ending {
  readonly peak_rss_bytes?: number;
}

export type WorkerMessage =
  | { readonly kind: 'event'; readonly event: RunEvent }
  | ({
      readonly kind: 'result';
      readonly result?: ModelResult;
      readonly accuracies: number[];
      readonly budget?: TrainingBudget;
      readonly durations: Record<string, number>;
    } & Ending)
  | ({ readonly kind: 'failed'; readonly error: string; readonly hint?: string } & Ending)
  | ({ readonly kind: 'cancelled'; readonly reason: string } & Ending);

export type ParentMessage = { readonly kind: 'cancel'; readonly reason: string };
