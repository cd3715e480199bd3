/**
 * Wraps every request handler so a failing feature logs its error and answers with an empty result:
 * one bad input must never take the language server (and every other feature) down.
 */
import { describeError, type Logger } from '../core/analysis/logger';

export { describeError, type Logger };

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
