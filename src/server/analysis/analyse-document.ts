/**
 * The one analysis of one document version, in two messages so diagnostics are published without waiting
 * for the rest: first the diagnostics, then the model facts, node locations, symbols and folding ranges that
 * every other feature reads. Runs in the analysis worker (or in-process when the worker is unavailable).
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isMap, isScalar, isSeq } from 'yaml';
import { analyzeParsed, type Analysis } from '../../core/analysis/analyze';
import type { ConfigFileSystem } from '../../core/analysis/file-system';
import { pathKey } from '../../core/config/source-map';
import type { YamlParser } from '../../core/config/yaml-document';
import { DocumentState } from '../document-state';
import { describeError } from '../safe';
import { foldingRanges } from '../services/folding';
import { documentSymbols } from '../services/symbols';
import { factsOf } from './facts-of';
import type { AnalysisJob, AnalysisResult, LocatedNode, OutlineResult } from './messages';

type Scalar = string | number | boolean | null;

/** Scalar values by path key, in one walk of the YAML tree (a lookup per node would walk it again each time). */
function scalarsByPath(node: unknown, path: string, out: Map<string, Scalar>): Map<string, Scalar> {
  if (isScalar(node)) {
    const value = node.value;
    const plain = value === null || ['string', 'number', 'boolean'].includes(typeof value);
    if (plain && !out.has(path)) out.set(path, value as Scalar);
  } else if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      scalarsByPath(pair.value, path === '' ? key : `${path}.${key}`, out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => scalarsByPath(item, path === '' ? String(index) : `${path}.${index}`, out));
  }
  return out;
}

/** Every recorded node with its scalar value (a plain copy: the YAML nodes stay on this thread). */
function locatedNodes(state: DocumentState): LocatedNode[] {
  const { document, sourceMap } = state.parsed;
  const scalars = scalarsByPath(document.contents, '', new Map());
  const out: LocatedNode[] = [];
  for (const location of sourceMap.all()) {
    const key = pathKey(location.path);
    out.push(location.path.length && scalars.has(key) ? { ...location, scalar: scalars.get(key)! } : { ...location });
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
    const ruleFailures: string[] = [];
    analysis = analyzeParsed(state.parsed, state.configPath, fs, { log: { error: (m) => ruleFailures.push(m) } });
    send({
      kind: 'analysis',
      ...base,
      diagnostics: analysis.diagnostics,
      ...(ruleFailures.length > 0 ? { ruleFailures } : {}),
    });
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
