/** SIGINT/SIGTERM -> a polite stop: the loop checks between batches (the run also between phases and evaluations), checkpoints stay, the run ends `cancelled`. */
export interface Cancellation {
  readonly reason: () => string | undefined;
  cancel(reason: string): void;
  dispose(): void;
}

export function cancelOnSignals(): Cancellation {
  let reason: string | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (reason) process.exit(130); // a second signal: the user insists
    reason = `received ${signal}`;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    reason: () => reason,
    cancel: (why) => {
      reason = why;
    },
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/**
 * A reader that went away (`trainer --json | head -1`) turns into a polite stop instead of an uncaught EPIPE:
 * the run still ends `cancelled` with its report and terminal event in the run directory. The listener stays
 * for the life of the process, since every later write to the closed stream reports an error too.
 */
export function cancelOnClosedOutput(stream: NodeJS.WritableStream, cancellation: Cancellation): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (!cancellation.reason())
      cancellation.cancel(`the output was closed (${error.code ?? error.message}): its reader went away`);
  });
}
