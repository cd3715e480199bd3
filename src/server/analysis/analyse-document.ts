/**
 * One full analysis of one document version, in two steps so diagnostics are published without waiting
 * for the outline: first diagnostics and the model facts completion needs, then symbols and folding ranges.
 * Runs in the analysis worker (or in-process when the worker is unavailable).
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConfigFileSystem } from '../../core/analysis/file-system';
import { DocumentState } from '../document-state';
import { describeError } from '../safe';
import { foldingRanges } from '../services/folding';
import { documentSymbols } from '../services/symbols';
import { factsOf } from './facts-of';
import type { AnalysisJob, AnalysisResult, OutlineResult } from './messages';

export function analyseDocument(
  job: AnalysisJob,
  fs: ConfigFileSystem,
  send: (message: AnalysisResult | OutlineResult) => void,
): void {
  const base = { uri: job.uri, version: job.version };
  let state: DocumentState | undefined;
  try {
    state = new DocumentState(TextDocument.create(job.uri, 'distill', job.version, job.text), fs);
    const analysis = state.analysis;
    send({ kind: 'analysis', ...base, diagnostics: analysis.diagnostics, facts: factsOf(analysis) });
  } catch (error) {
    send({ kind: 'analysis', ...base, diagnostics: [], error: describeError(error) });
  }
  try {
    send({
      kind: 'outline',
      ...base,
      symbols: state ? documentSymbols(state) : [],
      folding: state ? foldingRanges(state) : [],
    });
  } catch {
    send({ kind: 'outline', ...base, symbols: [], folding: [] });
  }
}
