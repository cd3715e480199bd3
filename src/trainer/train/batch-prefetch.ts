/**
 * One batch assembled ahead: the training loop asks for batch k + 1 before it steps on batch k, so a teacher
 * running in its own thread (thread-batch-teacher.ts) labels the next batch while the student trains.
 */
import { type Batch, disposeBatch } from './batch-source';

export interface BatchPrefetch {
  /** The batch `batchIndex`: the one started ahead when it is that one, else assembled now. */
  take(batchIndex: number, assemble: () => Promise<Batch>): Promise<Batch>;
  /** Starts assembling batch `batchIndex` now. */
  ahead(batchIndex: number, assemble: () => Promise<Batch>): void;
  /** Disposes a batch started ahead and never taken (training cancelled or failed). */
  drain(): Promise<void>;
}

export function createBatchPrefetch(): BatchPrefetch {
  let started: { batchIndex: number; batch: Promise<Batch> } | undefined;
  const discard = (batch: Promise<Batch>): Promise<void> => batch.then(disposeBatch, () => undefined); // a batch that failed to assemble has nothing to dispose
  return {
    take(batchIndex, assemble) {
      if (started?.batchIndex !== batchIndex) return assemble();
      const { batch } = started;
      started = undefined;
      return batch;
    },
    ahead(batchIndex, assemble) {
      if (started) void discard(started.batch);
      const batch = assemble();
      // Its failure surfaces when it is taken; until then it must not count as unhandled.
      batch.catch(() => undefined);
      started = { batchIndex, batch };
    },
    async drain() {
      const left = started;
      started = undefined;
      if (left) await discard(left.batch);
    },
  };
}
