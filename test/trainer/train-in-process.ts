/** Runs the real trainer in the test's own process, as tests and benches drive it: from scratch, never cancelled. */
import { runTraining, type RunOutcome } from '../../src/trainer/engine';
import type { RunEvent } from '../../src/core/protocol/run-events';
import type { Cancellation } from '../../src/trainer/run/cancellation';

/** A cancellation nothing triggers: these runs end on their own. */
export const NEVER_CANCELLED: Cancellation = {
  reason: () => undefined,
  cancel: () => undefined,
  dispose: () => undefined,
};

export interface InProcessOptions {
  /** Every event of the run, in order (default: dropped). */
  readonly onEvent?: (event: RunEvent) => void;
  /** Training seed of the first seed (default: the config's data.split.seed). */
  readonly seed?: number;
}

/** Trains `configPath` into `runDir` and returns the outcome, failed runs included (the caller asserts the status). */
export function trainInProcess(
  configPath: string,
  runDir: string,
  options: InProcessOptions = {},
): Promise<RunOutcome> {
  return runTraining({
    configPath,
    runDir,
    resume: false,
    cancellation: NEVER_CANCELLED,
    onEvent: options.onEvent ?? (() => undefined),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
}
