/**
 * Wires the language services to an LSP connection: capabilities, document sync, debounced diagnostics
 * computed on a worker thread, watched-file re-validation; the request handlers are in feature-handlers.ts.
 * No feature logic lives here.
 */
import * as path from 'node:path';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  type Connection,
  type DidChangeConfigurationParams,
  DidChangeWatchedFilesNotification,
  type DidChangeWatchedFilesParams,
  type InitializeParams,
  type InitializeResult,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { nodeFileSystem } from '../node/file-system';
import {
  SERVER_STATUS_REQUEST,
  type ServerInitializationOptions,
  type ServerStatus,
} from '../core/protocol/lsp-messages';
import { REPORT_FILE } from '../core/runs/layout';
import { AnalysisResults } from './analysis/analysis-results';
import { AnalysisRunner } from './analysis/analysis-runner';
import type { AnalysisResult, OutlineResult } from './analysis/messages';
import { DiagnosticsScheduler } from './diagnostics-scheduler';
import { DocumentCache } from './document-cache';
import { registerFeatureHandlers } from './feature-handlers';
import type { DocumentState } from './document-state';
import { LastRunFinder } from './last-run';
import { describeError, safely } from './safe';
import { toLspDiagnostic } from './to-lsp';
import { uriToPath } from './uri';
import { dependsOn } from './watched-files';

const DEFAULT_DELAY_MS = 200;
/**
 * The longest a request waits for the worker's analysis of the version it is about; past it, it answers
 * empty rather than hold the client (a 5,000-line config analyses in well under this on a loaded machine).
 */
const REQUEST_BUDGET_MS = 3000;
/** Files whose change can alter a config's diagnostics (models, weights, data) or its last-run lens. */
const WATCHED_GLOB = '**/*.{json,bin,csv,png,jpg,jpeg}';
/** The analysis worker's bundle, built next to this one by scripts/build.mjs. */
const WORKER_FILE = path.join(__dirname, 'server-worker.js');

interface ClientFeatures {
  snippets: boolean;
  dynamicWatch: boolean;
  lensRefresh: boolean;
  delayMs: number;
}

function clientFeatures(params: InitializeParams): ClientFeatures {
  const options = (params.initializationOptions ?? {}) as ServerInitializationOptions;
  const delay = options.diagnosticsDelayMs;
  return {
    snippets: params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true,
    dynamicWatch: params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    lensRefresh: params.capabilities.workspace?.codeLens?.refreshSupport === true,
    delayMs: typeof delay === 'number' && Number.isFinite(delay) && delay >= 0 ? delay : DEFAULT_DELAY_MS,
  };
}

export function startServer(connection: Connection): void {
  const fs = nodeFileSystem;
  const documents = new TextDocuments(TextDocument);
  const cache = new DocumentCache();
  const results = new AnalysisResults();
  const runs = new LastRunFinder(fs);
  const log = { error: (message: string): void => connection.console.error(message) };
  let features: ClientFeatures = {
    snippets: false,
    dynamicWatch: false,
    lensRefresh: false,
    delayMs: DEFAULT_DELAY_MS,
  };

  process.on('uncaughtException', (error) => log.error(`distillery: uncaught exception: ${describeError(error)}`));
  process.on('unhandledRejection', (reason) => log.error(`distillery: unhandled rejection: ${describeError(reason)}`));

  const stateOf = (uri: string): DocumentState | undefined => {
    const document = documents.get(uri);
    return document ? cache.get(document) : undefined;
  };

  const publish = safely(log, 'diagnostics', undefined, (result: AnalysisResult): void => {
    const document = documents.get(result.uri);
    if (!document) return;
    if (result.error) {
      // Keep the last good diagnostics and facts rather than clearing them for a version that could not be analysed.
      log.error(`distillery: analysis of ${result.uri} failed: ${result.error}`);
      return;
    }
    for (const failure of result.ruleFailures ?? []) log.error(failure);
    results.store(result);
    // A result for an older version is kept for completion's layer names, but its diagnostics would be stale.
    if (result.version !== document.version) return;
    void connection.sendDiagnostics({
      uri: result.uri,
      version: result.version,
      diagnostics: result.diagnostics.map(toLspDiagnostic),
    });
  });
  const storeOutline = (outline: OutlineResult): void => {
    if (documents.get(outline.uri)) results.storeOutline(outline);
  };
  const runner = new AnalysisRunner(WORKER_FILE, fs, publish, storeOutline, log);
  /** The version last sent for analysis per document: opening fires both open and change events for one version. */
  const submitted = new Map<string, number>();
  const validate = (uri: string): void => {
    const document = documents.get(uri);
    if (!document) return;
    submitted.set(uri, document.version);
    runner.submit({ uri, version: document.version, text: document.getText() });
  };
  let scheduler = new DiagnosticsScheduler(features.delayMs, validate);

  const refreshLenses = (): void => {
    if (features.lensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  };

  const onWatchedFiles = safely(log, 'watched files', undefined, (params: DidChangeWatchedFilesParams): void => {
    const changed = params.changes.map((c) => uriToPath(c.uri));
    if (changed.some((file) => path.basename(file) === REPORT_FILE)) {
      runs.invalidate();
      refreshLenses();
    }
    for (const document of documents.all()) {
      const config = results.facts(document.uri)?.config;
      const configPath = uriToPath(document.uri);
      // Without facts yet (the first analysis is still on its way) it cannot be ruled out: check again.
      if (config && !changed.some((file) => dependsOn(config, configPath, file))) continue;
      scheduler.now(document.uri);
    }
  });

  /** `distillery.runsFolder` changed: the last-run lens looks in another folder. Other settings are the client's. */
  const onConfiguration = safely(log, 'configuration', undefined, (params: DidChangeConfigurationParams): void => {
    const settings: unknown = params.settings;
    const distillery =
      settings && typeof settings === 'object' ? (settings as { distillery?: unknown }).distillery : undefined;
    const runsFolder =
      distillery && typeof distillery === 'object' ? (distillery as { runsFolder?: unknown }).runsFolder : undefined;
    if (typeof runsFolder !== 'string' || runsFolder.trim() === runs.runsFolder) return;
    runs.configure(runsFolder);
    refreshLenses();
  });

  connection.onInitialize((params): InitializeResult => {
    features = clientFeatures(params);
    const runsFolder = (params.initializationOptions as ServerInitializationOptions | undefined)?.runsFolder;
    const folders =
      params.workspaceFolders?.map((folder) => uriToPath(folder.uri)) ??
      (params.rootUri ? [uriToPath(params.rootUri)] : []);
    runs.configure(typeof runsFolder === 'string' ? runsFolder : '', folders);
    scheduler = new DiagnosticsScheduler(features.delayMs, validate);
    return {
      serverInfo: { name: 'distillery-language-server', version: '0.1.0' },
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: [' ', ':', '/', '-', '{', ','] },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentFormattingProvider: true,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        definitionProvider: true,
        codeLensProvider: { resolveProvider: false },
      },
    };
  });
  connection.onInitialized(() => {
    if (features.dynamicWatch) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCHED_GLOB }] })
        .catch((error: unknown) => log.error(`distillery: could not watch files: ${describeError(error)}`));
    }
  });
  connection.onShutdown(() => runner.dispose());

  documents.onDidOpen((event) => scheduler.now(event.document.uri));
  documents.onDidChangeContent((event) => {
    if (submitted.get(event.document.uri) !== event.document.version) scheduler.schedule(event.document.uri);
  });
  documents.onDidClose((event) => {
    scheduler.cancel(event.document.uri);
    runner.cancel(event.document.uri);
    cache.delete(event.document.uri);
    results.delete(event.document.uri);
    submitted.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });
  connection.onDidChangeWatchedFiles(onWatchedFiles);
  connection.onDidChangeConfiguration(onConfiguration);

  /**
   * The worker's outline (facts, node locations, symbols, folding) of the document's current version. A
   * version still inside its debounce delay is sent for analysis at once: a request is waiting for it.
   */
  const outlineOf = (uri: string): Promise<OutlineResult | undefined> => {
    const document = documents.get(uri);
    if (!document) return Promise.resolve(undefined);
    if (submitted.get(uri) !== document.version) scheduler.now(uri);
    return results.outline(uri, document.version, REQUEST_BUDGET_MS);
  };
  registerFeatureHandlers({
    connection,
    fs,
    results,
    runs,
    log,
    stateOf,
    outlineOf,
    snippets: () => features.snippets,
  });
  connection.onRequest(SERVER_STATUS_REQUEST, (): ServerStatus => {
    const memory = process.memoryUsage();
    return {
      rss: memory.rss,
      heapUsed: memory.heapUsed,
      documents: documents.all().length,
      cachedAnalyses: results.size,
      pendingValidations: scheduler.pending + runner.queued,
      uptimeSeconds: process.uptime(),
    };
  });

  documents.listen(connection);
  connection.listen();
}
