/**
 * Wires the language services to an LSP connection: capabilities, document sync, debounced diagnostics
 * computed on a worker thread, watched-file re-validation, and one line per feature handler. No feature
 * logic lives here.
 */
import * as path from 'node:path';
import {
  type CodeActionParams,
  CodeActionKind,
  type CodeLensParams,
  CodeLensRefreshRequest,
  type CompletionParams,
  type Connection,
  type DefinitionParams,
  type DidChangeConfigurationParams,
  DidChangeWatchedFilesNotification,
  type DidChangeWatchedFilesParams,
  type DocumentFormattingParams,
  type DocumentSymbol,
  type DocumentSymbolParams,
  type FoldingRange,
  type FoldingRangeParams,
  type HoverParams,
  type InitializeParams,
  type Position,
  type InitializeResult,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { nodeFileSystem } from '../node/file-system';
import {
  CONFIG_ANALYSIS_REQUEST,
  type ConfigAnalysis,
  type ConfigAnalysisParams,
  SERVER_STATUS_REQUEST,
  type ServerInitializationOptions,
  type ServerStatus,
} from '../core/protocol/lsp-messages';
import { AnalysisResults } from './analysis/analysis-results';
import { AnalysisRunner } from './analysis/analysis-runner';
import type { AnalysisResult, ModelFacts, OutlineResult } from './analysis/messages';
import { DiagnosticsScheduler } from './diagnostics-scheduler';
import { DocumentCache } from './document-cache';
import type { DocumentState } from './document-state';
import { LastRunFinder } from './last-run';
import { describeError, safely } from './safe';
import { codeActions } from './services/code-actions';
import { codeLenses } from './services/code-lens';
import { complete } from './services/completion';
import { definition } from './services/definition';
import { format } from './services/formatting';
import { hover } from './services/hover';
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
    if (changed.some((file) => path.basename(file) === 'report.json')) {
      runs.invalidate();
      refreshLenses();
    }
    for (const document of documents.all()) {
      const config = results.facts(document.uri)?.config;
      const configPath = uriToPath(document.uri);
      if (!config || !changed.some((file) => dependsOn(config, configPath, file))) continue;
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

  /** Positions past the text (line 1e9, 2^32) are moved inside it before any service walks lines. */
  const clamped = <P extends { position: Position }>(state: DocumentState, params: P): P => ({
    ...params,
    position: state.clamp(params.position),
  });
  /** A handler for a request about one document: looks up its state, runs the service, never throws. */
  const feature = <P extends { textDocument: { uri: string } }, R>(
    name: string,
    fallback: R,
    run: (state: DocumentState, params: P) => R,
  ) =>
    safely(log, name, fallback, (params: P): R => {
      const state = stateOf(params.textDocument.uri);
      return state ? run(state, params) : fallback;
    });
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
  /** A request answered from the worker's analysis of the current version: no parse or analysis here. */
  const fromAnalysis =
    <P extends { textDocument: { uri: string } }, R>(
      name: string,
      fallback: R,
      run: (outline: OutlineResult, state: DocumentState, params: P) => R,
    ) =>
    async (params: P): Promise<R> => {
      try {
        const outline = await outlineOf(params.textDocument.uri);
        const state = stateOf(params.textDocument.uri);
        // The document may have changed while waiting: answer only about the version the outline describes.
        if (!outline || !state || outline.version !== state.version) return fallback;
        return run(outline, state, params);
      } catch (error) {
        log.error(`distillery: ${name} failed: ${describeError(error)}`);
        return fallback;
      }
    };
  const withFacts =
    <P, R>(fallback: R, run: (facts: ModelFacts, outline: OutlineResult, state: DocumentState, params: P) => R) =>
    (outline: OutlineResult, state: DocumentState, params: P): R =>
      outline.facts ? run(outline.facts, outline, state, params) : fallback;
  /** The analysis diagnostics of the version an outline describes (sent just before it). */
  const diagnosticsOf = (outline: OutlineResult) => {
    const result = results.get(outline.uri);
    return result?.version === outline.version && !result.error ? result.diagnostics : [];
  };

  /** Completion reads the newest facts, a few edits old at most; only a just-opened document waits for its first. */
  connection.onCompletion(async (params: CompletionParams) => {
    const uri = params.textDocument.uri;
    const facts = results.facts(uri) ?? (await outlineOf(uri).catch(() => undefined))?.facts;
    return feature('completion', null, (s, p: CompletionParams) =>
      complete(s, s.clamp(p.position), { fs, snippets: features.snippets, facts }),
    )(params);
  });
  connection.onHover(
    fromAnalysis(
      'hover',
      null,
      withFacts(null, (facts, o, s, p: HoverParams) => hover(facts, o.nodes, clamped(s, p).position)),
    ),
  );
  connection.onCodeAction(
    fromAnalysis('code actions', [], (o, s, p: CodeActionParams) => codeActions(s, p, () => diagnosticsOf(o))),
  );
  connection.onDocumentFormatting(feature('formatting', [], (s, p: DocumentFormattingParams) => format(s, p.options)));
  connection.onDocumentSymbol(
    fromAnalysis<DocumentSymbolParams, DocumentSymbol[]>('document symbols', [], (o) => [...o.symbols]),
  );
  connection.onFoldingRanges(fromAnalysis<FoldingRangeParams, FoldingRange[]>('folding', [], (o) => [...o.folding]));
  connection.onDefinition(
    fromAnalysis(
      'definition',
      [],
      withFacts([], (facts, o, s, p: DefinitionParams) => definition(s, facts, o.nodes, clamped(s, p).position, fs)),
    ),
  );
  connection.onCodeLens(feature('code lens', [], (s, _p: CodeLensParams) => codeLenses(s, results.facts(s.uri), runs)));
  /** The config panel shows the same analysis as the editor: it asks here instead of analysing again. */
  connection.onRequest(
    CONFIG_ANALYSIS_REQUEST,
    fromAnalysis(
      'config analysis',
      null,
      withFacts(null, (facts, o, _s, _p: ConfigAnalysisParams): ConfigAnalysis => ({
        version: o.version,
        diagnostics: diagnosticsOf(o),
        ...(facts.teacher ? { teacher: facts.teacher } : {}),
        ...(facts.student ? { student: facts.student } : {}),
        ...(facts.dataset ? { dataset: facts.dataset } : {}),
        features: facts.config.distillation.features,
        output: facts.config.output,
      })),
    ),
  );
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
