/**
 * Entry point of the Distillery language server: `node dist/server.js --stdio` (the transport flag is read
 * by vscode-languageserver from the command line; --node-ipc and --socket work too). Over stdio, the
 * client's bytes pass a framing check first: a broken stream is logged and ends the process with code 1,
 * so the client restarts the server instead of talking to one that will never answer.
 */
import { format } from 'node:util';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { FramingGuard } from './framing-guard';
import { startServer } from './server';

function guardedStdio(): FramingGuard {
  const guard = new FramingGuard((error) => {
    process.stderr.write(`distillery language server: unreadable input (${error.message}); exiting.\n`);
    process.exit(1);
  });
  process.stdin.pipe(guard);
  // stdout carries the protocol: anything a library prints goes to stderr (as vscode-languageserver does
  // itself for --stdio when it owns the streams).
  const toStderr = (...args: unknown[]): void => void process.stderr.write(`${format(...args)}\n`);
  console.log = console.info = console.debug = console.warn = toStderr;
  return guard;
}

startServer(
  process.argv.includes('--stdio')
    ? createConnection(ProposedFeatures.all, guardedStdio(), process.stdout)
    : createConnection(ProposedFeatures.all),
);
