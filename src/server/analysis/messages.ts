/**
 * Messages between the server's main thread and its analysis worker. Everything here is plain data
 * (structured-cloneable): the YAML tree itself never crosses the thread boundary.
 */
import type { DocumentSymbol, FoldingRange } from 'vscode-languageserver';
import type { DistillConfig } from '../../core/config/types';
import type { Diagnostic } from '../../core/diagnostics';
import type { ModelSummary } from '../../core/model/summary-types';

export interface AnalysisJob {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
}

/** What completion and code lenses need from an analysis, without the YAML tree. */
export interface ModelFacts {
  readonly config: DistillConfig;
  readonly teacher?: ModelSummary;
  readonly student?: ModelSummary;
}

/** Sent first, as soon as the diagnostics are known (the outline follows in a second message). */
export interface AnalysisResult {
  readonly kind: 'analysis';
  readonly uri: string;
  readonly version: number;
  /** Core diagnostics, fixes included (code actions are built from them). */
  readonly diagnostics: readonly Diagnostic[];
  /** Absent when the analysis failed. */
  readonly facts?: ModelFacts;
  /** Set when the analysis itself failed (the other fields are then empty). */
  readonly error?: string;
}

/** Sent second: the document outline and folding ranges of the same version. */
export interface OutlineResult {
  readonly kind: 'outline';
  readonly uri: string;
  readonly version: number;
  readonly symbols: readonly DocumentSymbol[];
  readonly folding: readonly FoldingRange[];
}

export type WorkerMessage = AnalysisResult | OutlineResult;
