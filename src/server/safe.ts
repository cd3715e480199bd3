/**
 * Wraps every request handler so a failing feature logs its error and answers with an empty result:
 * one bad input must never take the language server (and every other feature) down.
 */
export interface Logger {
  error(message: string): void;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
}

export function safely<A extends unknown[], R>(
  logger: Logger,
  feature: string,
  fallback: R,
  handler: (...args: A) => R,
): (...args: A) => R {
  return (...args: A): R => {
    try {
      return handler(...args);
    } catch (error) {
      logger.error(`distillery: ${feature} failed: ${describeError(error)}`);
      return fallback;
    }
  };
}
