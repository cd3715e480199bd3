/**
 * The one analysis of one document version, in two messages so diagnostics are published without waiting
 * for the rest: first the diagnostics, then the model facts, node locations, symbols and folding ranges that
 * every other feature reads. Runs in the analysis worker (or in-process when the worker is unavailable).
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeParsed, type Analysis } from '../../core/analysis/analyze';
import type { ConfigFileSystem } from '../../core/analysis/file-system';
import type { YamlParser } from '../../core/config/yaml-document';
import { DocumentState } from '../document-state';
import { describeError } from '../safe';
import { foldingRanges } from '../services/folding';
import { documentSymbols } from '../services/symbols';
import { factsOf } from './facts-of';
import type { AnalysisJob, AnalysisResult, LocatedNode, OutlineResult } from './messages';

/** Every recorded node with its scalar value (a plain copy: the YAML nodes stay on this thread). */
function locatedNodes(state: DocumentState): LocatedNode[] {
  const { document, sourceMap } = state.parsed;
  const out: LocatedNode[] = [];
  for (const location of sourceMap.all()) {
    const value: unknown = location.path.length ? document.getIn(location.path as (string | number)[]) : undefined;
    const scalar =
      value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? { scalar: value }
        : {};
    out.push({ ...location, ...scalar });
  }
  return out;
}

export function analyseDocument(
  job: AnalysisJob,
  fs: ConfigFileSystem,
  yaml: YamlParser,
  send: (message: AnalysisResult | OutlineResult) => void,
): void {
  const base = { uri: job.uri, version: job.version };
  let state: DocumentState | undefined;
  let analysis: Analysis | undefined;
  try {
    state = new DocumentState(TextDocument.create(job.uri, 'distill', job.version, job.text), yaml);
    analysis = analyzeParsed(state.parsed, state.configPath, fs);
    send({ kind: 'analysis', ...base, diagnostics: analysis.diagnostics });
  } catch (error) {
    send({ kind: 'analysis', ...base, diagnostics: [], error: describeError(error) });
  }
  try {
    send({
      kind: 'outline',
      ...base,
      ...(state && analysis ? { facts: factsOf(analysis, state.configPath, fs) } : {}),
      nodes: state && analysis ? locatedNodes(state) : [],
      symbols: state ? documentSymbols(state) : [],
      folding: state ? foldingRanges(state) : [],
    });
  } catch {
    send({ kind: 'outline', ...base, nodes: [], symbols: [], folding: [] });
  }
}
