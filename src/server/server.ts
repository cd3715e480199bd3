/**
 * Wires the language services to an LSP connection: capabilities, document sync, debounced diagnostics,
 * watched-file re-validation, and one line per feature handler. No feature logic lives here.
 */
import {
  CodeActionKind, CodeLensRefreshRequest, type Connection, DidChangeWatchedFilesNotification, type DidChangeWatchedFilesParams,
  type InitializeParams, type InitializeResult, TextDocuments, TextDocumentSyncKind, type CompletionParams, type HoverParams,
  type CodeActionParams, type DocumentFormattingParams, type DocumentSymbolParams, type FoldingRangeParams, type DefinitionParams,
  type CodeLensParams,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as path from 'node:path';
import type { Analysis } from '../core/analysis/analyze';
import { nodeFileSystem } from '../core/analysis/node-file-system';
import { SERVER_STATUS_REQUEST, type ServerInitializationOptions, type ServerStatus } from '../core/protocol/lsp-messages';
import { DiagnosticsScheduler } from './diagnostics-scheduler';
import { DocumentCache } from './document-cache';
import type { DocumentState } from './document-state';
import { LastRunFinder } from './last-run';
import { describeError, safely } from './safe';
import { codeActions } from './services/code-actions';
import { codeLenses } from './services/code-lens';
import { complete } from './services/completion';
import { definition } from './services/definition';
import { foldingRanges } from './services/folding';
import { format } from './services/formatting';
import { hover } from './services/hover';
import { documentSymbols } from './services/symbols';
import { toLspDiagnostic } from './to-lsp';
import { uriToPath } from './uri';
import { dependsOn } from './watched-files';

const DEFAULT_DELAY_MS = 200;
/** Files whose change can alter a config's diagnostics (models, weights, data) or its last-run lens. */
const WATCHED_GLOB = '**/*.{json,bin,csv,png,jpg,jpeg}';

interface ClientFeatures { snippets: boolean; dynamicWatch: boolean; lensRefresh: boolean; delayMs: number }

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
  const cache = new DocumentCache(fs);
  const runs = new LastRunFinder(fs);
  const log = { error: (message: string): void => connection.console.error(message) };
  let features: ClientFeatures = { snippets: false, dynamicWatch: false, lensRefresh: false, delayMs: DEFAULT_DELAY_MS };

  process.on('uncaughtException', (error) => log.error(`distillery: uncaught exception: ${describeError(error)}`));
  process.on('unhandledRejection', (reason) => log.error(`distillery: unhandled rejection: ${describeError(reason)}`));

  const stateOf = (uri: string): DocumentState | undefined => {
    const document = documents.get(uri);
    return document ? cache.get(document) : undefined;
  };

  const validate = safely(log, 'diagnostics', undefined, (uri: string): void => {
    const state = stateOf(uri);
    if (!state) return;
    const diagnostics = state.analysis.diagnostics.map(toLspDiagnostic);
    cache.markAnalysed(state);
    void connection.sendDiagnostics({ uri, version: state.version, diagnostics });
  });
  let scheduler = new DiagnosticsScheduler(features.delayMs, validate);

  const onWatchedFiles = safely(log, 'watched files', undefined, (params: DidChangeWatchedFilesParams): void => {
    const changed = params.changes.map((c) => uriToPath(c.uri));
    if (changed.some((file) => path.basename(file) === 'report.json')) {
      runs.invalidate();
      if (features.lensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    }
    for (const document of documents.all()) {
      const state = cache.get(document);
      if (!changed.some((file) => dependsOn(state, file))) continue;
      state.dropAnalysis();
      scheduler.now(document.uri);
    }
  });

  connection.onInitialize((params): InitializeResult => {
    features = clientFeatures(params);
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
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCHED_GLOB }] })
        .catch((error: unknown) => log.error(`distillery: could not watch files: ${describeError(error)}`));
    }
  });

  documents.onDidOpen((event) => scheduler.now(event.document.uri));
  documents.onDidChangeContent((event) => {
    if (cache.lastAnalysed(event.document.uri)?.version !== event.document.version) scheduler.schedule(event.document.uri);
  });
  documents.onDidClose((event) => {
    scheduler.cancel(event.document.uri);
    cache.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });
  connection.onDidChangeWatchedFiles(onWatchedFiles);

  /** A handler for a request about one document: looks up its state, runs the service, never throws. */
  const feature = <P extends { textDocument: { uri: string } }, R>(name: string, fallback: R, run: (state: DocumentState, params: P) => R) =>
    safely(log, name, fallback, (params: P): R => {
      const state = stateOf(params.textDocument.uri);
      return state ? run(state, params) : fallback;
    });
  const newestAnalysis = (state: DocumentState): Analysis => (cache.lastAnalysed(state.uri) ?? state).analysis;

  connection.onCompletion(feature('completion', null, (s, p: CompletionParams) => complete(s, p.position, { fs, snippets: features.snippets, analysis: newestAnalysis(s) })));
  connection.onHover(feature('hover', null, (s, p: HoverParams) => hover(s, p.position, fs)));
  connection.onCodeAction(feature('code actions', [], (s, p: CodeActionParams) => codeActions(s, p)));
  connection.onDocumentFormatting(feature('formatting', [], (s, p: DocumentFormattingParams) => format(s, p.options)));
  connection.onDocumentSymbol(feature('document symbols', [], (s, _p: DocumentSymbolParams) => documentSymbols(s)));
  connection.onFoldingRanges(feature('folding', [], (s, _p: FoldingRangeParams) => foldingRanges(s)));
  connection.onDefinition(feature('definition', [], (s, p: DefinitionParams) => definition(s, p.position, fs)));
  connection.onCodeLens(feature('code lens', [], (s, _p: CodeLensParams) => codeLenses(s, runs)));
  connection.onRequest(SERVER_STATUS_REQUEST, (): ServerStatus => {
    const memory = process.memoryUsage();
    return {
      rss: memory.rss, heapUsed: memory.heapUsed, documents: documents.all().length, cachedAnalyses: cache.analysedCount,
      pendingValidations: scheduler.pending, uptimeSeconds: process.uptime(),
    };
  });

  documents.listen(connection);
  connection.listen();
}
