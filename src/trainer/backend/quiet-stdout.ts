/**
 * Keeps stdout free for the JSON event protocol. TensorFlow.js and its backends log through `console`
 * (the cpu backend prints a banner advising tfjs-node on its first tensor write); those lines would corrupt
 * the event stream, so every console channel is routed to stderr, where diagnostics belong.
 */
import { format } from 'node:util';

let installed = false;

export function routeConsoleToStderr(): void {
  if (installed) return;
  installed = true;
  const toStderr = (...args: unknown[]): void => {
    process.stderr.write(`${format(...args)}\n`);
  };
  console.log = toStderr;
  console.info = toStderr;
  console.warn = toStderr;
  console.debug = toStderr;
}
