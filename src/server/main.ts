/**
 * Entry point of the Distillery language server: `node dist/server.js --stdio` (the transport flag is read
 * by vscode-languageserver from the command line; --node-ipc and --socket work too).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
