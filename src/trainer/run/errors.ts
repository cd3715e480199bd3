/** A failure the user can act on: the message says what went wrong, the hint what to do about it. */
export class TrainerError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'TrainerError';
  }
}

/** Thrown when SIGINT/SIGTERM asked the run to stop; the engine turns it into a `cancelled` run. */
export class CancelledError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'CancelledError';
  }
}

/**
 * Thrown when this process's part of a search spread over a Slurm job array is done: the first job after the
 * student (`--stop-before-search`), an array task after its share of points. The run continues in other jobs,
 * so the engine writes no report and no terminal event: the run reads as running until the merge job ends it.
 */
export class SearchHandedOff extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SearchHandedOff';
  }
}

/** The user-facing message and hint for any thrown value (tfjs, file system and our own errors). */
export function describeFailure(error: unknown): { error: string; hint?: string } {
  if (error instanceof TrainerError)
    return error.hint ? { error: error.message, hint: error.hint } : { error: error.message };
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOSPC' || /no space left/i.test(message)) {
    return {
      error: `No space left on the device: ${message}`,
      hint: 'Free some disk space or pass --run-dir on a larger disk, then resume with --resume.',
    };
  }
  if (code === 'EACCES' || code === 'EROFS')
    return { error: message, hint: 'Choose a run directory you can write to (--run-dir).' };
  return { error: message };
}
