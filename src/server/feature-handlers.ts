/**
 * The LSP request handlers, one line per feature: each looks up the document's state and reads the worker's
 * analysis of its current version (waiting for it within the request budget) or, for completion and code
 * lenses, the newest facts. Positions are clamped to the text first. No feature logic lives here.
 */
import type {
  CodeActionParams,
  CodeLensParams,
  CompletionParams,
  Connection,
  DefinitionParams,
  DocumentFormattingParams,
  DocumentSymbol,
  DocumentSymbolParams,
  FoldingRange,
  FoldingRangeParams,
  HoverParams,
  Position,
} from 'vscode-languageserver';
import type { ConfigFileSystem } from '../core/analysis/file-system';
import { CONFIG_ANALYSIS_REQUEST, type ConfigAnalysis, type ConfigAnalysisParams } from '../core/protocol/lsp-messages';
import type { AnalysisResults } from './analysis/analysis-results';
import type { ModelFacts, OutlineResult } from './analysis/messages';
import type { DocumentState } from './document-state';
import type { LastRunFinder } from './last-run';
import { describeError, type Logger, safely } from './safe';
import { codeActions } from './services/code-actions';
import { codeLenses } from './services/code-lens';
import { complete } from './services/completion';
import { definition } from './services/definition';
import { format } from './services/formatting';
import { hover } from './services/hover';

export interface FeatureContext {
  readonly connection: Connection;
  readonly fs: ConfigFileSystem;
  readonly results: AnalysisResults;
  readonly runs: LastRunFinder;
  readonly log: Logger;
  stateOf(uri: string): DocumentState | undefined;
  /** The worker's outline of the document's current version (undefined past the request budget). */
  outlineOf(uri: string): Promise<OutlineResult | undefined>;
  snippets(): boolean;
}

export function registerFeatureHandlers(ctx: FeatureContext): void {
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
    safely(ctx.log, name, fallback, (params: P): R => {
      const state = ctx.stateOf(params.textDocument.uri);
      return state ? run(state, params) : fallback;
    });
  /** A request answered from the worker's analysis of the current version: no parse or analysis here. */
  const fromAnalysis =
    <P extends { textDocument: { uri: string } }, R>(
      name: string,
      fallback: R,
      run: (outline: OutlineResult, state: DocumentState, params: P) => R,
    ) =>
    async (params: P): Promise<R> => {
      try {
        const outline = await ctx.outlineOf(params.textDocument.uri);
        const state = ctx.stateOf(params.textDocument.uri);
        // The document may have changed while waiting: answer only about the version the outline describes.
        if (!outline || !state || outline.version !== state.version) return fallback;
        return run(outline, state, params);
      } catch (error) {
        ctx.log.error(`distillery: ${name} failed: ${describeError(error)}`);
        return fallback;
      }
    };
  const withFacts =
    <P, R>(fallback: R, run: (facts: ModelFacts, outline: OutlineResult, state: DocumentState, params: P) => R) =>
    (outline: OutlineResult, state: DocumentState, params: P): R =>
      outline.facts ? run(outline.facts, outline, state, params) : fallback;
  /** The analysis diagnostics of the version an outline describes (sent just before it). */
  const diagnosticsOf = (outline: OutlineResult) => {
    const result = ctx.results.get(outline.uri);
    return result?.version === outline.version && !result.error ? result.diagnostics : [];
  };

  /** Completion and lenses read the newest facts, a few edits old at most; only a just-opened document waits. */
  const newestFacts = async (uri: string): Promise<ModelFacts | undefined> =>
    ctx.results.facts(uri) ?? (await ctx.outlineOf(uri).catch(() => undefined))?.facts;
  ctx.connection.onCompletion(async (params: CompletionParams) => {
    const facts = await newestFacts(params.textDocument.uri);
    return feature('completion', null, (s, p: CompletionParams) =>
      complete(s, s.clamp(p.position), { fs: ctx.fs, snippets: ctx.snippets(), facts }),
    )(params);
  });
  ctx.connection.onHover(
    fromAnalysis(
      'hover',
      null,
      withFacts(null, (facts, o, s, p: HoverParams) => hover(facts, o.nodes, clamped(s, p).position)),
    ),
  );
  ctx.connection.onCodeAction(
    fromAnalysis('code actions', [], (o, s, p: CodeActionParams) => codeActions(s, p, () => diagnosticsOf(o))),
  );
  ctx.connection.onDocumentFormatting(
    feature('formatting', [], (s, p: DocumentFormattingParams) => format(s, p.options)),
  );
  ctx.connection.onDocumentSymbol(
    fromAnalysis<DocumentSymbolParams, DocumentSymbol[]>('document symbols', [], (o) => [...o.symbols]),
  );
  ctx.connection.onFoldingRanges(
    fromAnalysis<FoldingRangeParams, FoldingRange[]>('folding', [], (o) => [...o.folding]),
  );
  ctx.connection.onDefinition(
    fromAnalysis(
      'definition',
      [],
      withFacts([], (facts, o, s, p: DefinitionParams) =>
        definition(s, facts, o.nodes, clamped(s, p).position, ctx.fs),
      ),
    ),
  );
  ctx.connection.onCodeLens(async (params: CodeLensParams) => {
    const facts = await newestFacts(params.textDocument.uri);
    return feature('code lens', [], (s, _p: CodeLensParams) => codeLenses(s, facts, ctx.runs))(params);
  });
  /** The config panel shows the same analysis as the editor: it asks here instead of analysing again. */
  ctx.connection.onRequest(
    CONFIG_ANALYSIS_REQUEST,
    fromAnalysis(
      'config analysis',
      null,
      withFacts(null, (facts, o, _s, _p: ConfigAnalysisParams): ConfigAnalysis => ({
        version: o.version,
        diagnostics: diagnosticsOf(o),
        ...(facts.teacher ? { teacher: facts.teacher } : {}),
        ...(facts.student ? { student: facts.student } : {}),
        ...(facts.pruned ? { pruned: facts.pruned } : {}),
        ...(facts.dataset ? { dataset: facts.dataset } : {}),
        features: facts.config.distillation.features,
        output: facts.config.output,
      })),
    ),
  );
}
