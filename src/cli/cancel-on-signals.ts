/**
 * Ctrl-C and SIGTERM as a cancellation: the commands that supervise long work (a sweep, a Slurm submission)
 * cancel it and still write their final state and end event before they exit.
 *
 * The handlers stay installed until `dispose()`, not just for the first signal: the extension cancels again
 * when its user clicks Cancel twice, and a second SIGTERM arriving while the first cancellation is winding down
 * must not take the default action (killing the process before it has written its end event).
 */
export interface SignalCancellation {
  readonly signal: AbortSignal;
  dispose(): void;
}

export function cancelOnSignals(): SignalCancellation {
  const controller = new AbortController();
  const cancel = (): void => controller.abort();
  process.on('SIGINT', cancel);
  process.on('SIGTERM', cancel);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', cancel);
      process.off('SIGTERM', cancel);
    },
  };
}
