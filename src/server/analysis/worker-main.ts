/**
 * Entry of the analysis worker thread (bundled as dist/server-worker.js): parses and analyses documents
 * off the main thread, so completion and hover never wait behind a diagnostics pass.
 */
import { parentPort } from 'node:worker_threads';
import { nodeFileSystem } from '../../node/file-system';
import { analyseDocument } from './analyse-document';
import type { AnalysisJob, ForgetDocument } from './messages';
import { YamlSessions } from './yaml-sessions';

const sessions = new YamlSessions();

parentPort?.on('message', (message: AnalysisJob | ForgetDocument) => {
  if ('forget' in message) return sessions.forget(message.forget);
  analyseDocument(message, nodeFileSystem, sessions.for(message.uri).parse, (m) => parentPort?.postMessage(m));
});
