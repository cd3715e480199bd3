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
