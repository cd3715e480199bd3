/**
 * Where a part reports a failure that is not the user's (a rule that threw, a feature that crashed). The
 * language server passes its LSP output, the CLI its stderr; core never chooses for them.
 */
export interface Logger {
  error(message: string): void;
}

/** A thrown value as a log line: its message and stack. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
}

/** For callers that inject nothing: the process's standard error (the browser's console in a webview). */
export const consoleLogger: Logger = {
  error: (message) => console.error(message),
};
