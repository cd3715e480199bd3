/**
 * Messages between the server's main thread and its analysis worker. Everything here is plain data
 * (structured-cloneable): the YAML tree itself never crosses the thread boundary. The worker parses and
 * analyses each document version once; every feature on the main thread reads what these messages carry.
 */
import type { DocumentSymbol, FoldingRange } from 'vscode-languageserver';
import type { NodeLocation } from '../../core/config/source-map';
import type { DistillConfig } from '../../core/config/types';
import type { DatasetInfo } from '../../core/data/dataset-info';
import type { Diagnostic } from '../../core/diagnostics';
import type { ModelSummary } from '../../core/model/summary-types';
import type { OnnxGraph } from '../../core/onnx/onnx-graph';
import type { CatalogLayer } from '../layer-catalog';

export interface AnalysisJob {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
}

/** Main thread -> worker: the document closed, drop what was kept to analyse its next version quickly. */
export interface ForgetDocument {
  readonly forget: string;
}

/** What completion, hover, definition, code lenses, watched files and the panel need from an analysis. */
export interface ModelFacts {
  readonly config: DistillConfig;
  readonly teacher?: ModelSummary;
  readonly student?: ModelSummary;
  /** The student after structured pruning (`compression.pruning.structure: units`). */
  readonly pruned?: ModelSummary;
  readonly dataset?: DatasetInfo;
  /** The layers `distillation.features` may name, per side (read from a teacher's model.json on the worker). */
  readonly layers: { readonly teacher: readonly CatalogLayer[]; readonly student: readonly CatalogLayer[] };
  /** An ONNX teacher's inputs and outputs (read on the worker), for completion of teacher.output and hovers. */
  readonly onnx?: Pick<OnnxGraph, 'inputs' | 'outputs' | 'params' | 'opset'>;
}

/** A config node's place in the text, with its value when it is a scalar (hover and definition read it). */
export interface LocatedNode extends NodeLocation {
  readonly scalar?: string | number | boolean | null;
}

/** Sent first, as soon as the diagnostics are known (facts and the outline follow in a second message). */
export interface AnalysisResult {
  readonly kind: 'analysis';
  readonly uri: string;
  readonly version: number;
  /** Core diagnostics, fixes included (code actions are built from them). */
  readonly diagnostics: readonly Diagnostic[];
  /** Set when the analysis itself failed (the diagnostics are then empty). */
  readonly error?: string;
  /** Rules that threw (they reported no diagnostics); the main thread logs each to the server's output. */
  readonly ruleFailures?: readonly string[];
}

/** Sent second: the model facts, node locations, outline and folding ranges of the same version. */
export interface OutlineResult {
  readonly kind: 'outline';
  readonly uri: string;
  readonly version: number;
  /** Absent when the analysis failed. */
  readonly facts?: ModelFacts;
  readonly nodes: readonly LocatedNode[];
  readonly symbols: readonly DocumentSymbol[];
  readonly folding: readonly FoldingRange[];
}

export type WorkerMessage = AnalysisResult | OutlineResult;
