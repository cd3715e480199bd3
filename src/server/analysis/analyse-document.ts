/**
 * One full analysis of one document version: diagnostics, outline and folding ranges, and the model facts
 * completion needs. Runs in the analysis worker (or in-process when the worker is unavailable).
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConfigFileSystem } from '../../core/analysis/file-system';
import { DocumentState } from '../document-state';
import { describeError } from '../safe';
import { foldingRanges } from '../services/folding';
import { documentSymbols } from '../services/symbols';
import { factsOf } from './facts-of';
import type { AnalysisJob, AnalysisResult } from './messages';

export function analyseDocument(job: AnalysisJob, fs: ConfigFileSystem): AnalysisResult {
  try {
    const state = new DocumentState(TextDocument.create(job.uri, 'distill', job.version, job.text), fs);
    const analysis = state.analysis;
    return {
      uri: job.uri,
      version: job.version,
      diagnostics: analysis.diagnostics,
      symbols: documentSymbols(state),
      folding: foldingRanges(state),
      facts: factsOf(analysis),
    };
  } catch (error) {
    return { uri: job.uri, version: job.version, diagnostics: [], symbols: [], folding: [], error: describeError(error) };
  }
}
