/**
 * Every custom message between the Distillery language client (src/extension) and the language server
 * (src/server), declared once: method name, payload types, and which side sends it. Standard LSP messages
 * are not repeated here. This module only holds names and types so both bundles can import it freely.
 */
import type { DistillConfig } from '../config/types';
import { COMMANDS } from './commands';
import type { DatasetInfo } from '../data/dataset-info';
import type { Diagnostic } from '../diagnostics';
import type { ModelSummary } from '../model/summary-types';

/** Client -> server request: the server's own memory and cache figures (used by tests and benchmarks). */
export const SERVER_STATUS_REQUEST = 'distillery/serverStatus';
export interface ServerStatus {
  /** Resident set size of the server process, in bytes. */
  readonly rss: number;
  readonly heapUsed: number;
  /** Open documents the server tracks. */
  readonly documents: number;
  /** Documents whose parse + analysis is cached for their current version. */
  readonly cachedAnalyses: number;
  /** Diagnostics runs waiting for their debounce delay to pass. */
  readonly pendingValidations: number;
  readonly uptimeSeconds: number;
}

/**
 * Client -> server request: the server's analysis of an open config's current version (waiting for it if
 * needed), for the config panel, so the panel shows what the editor shows without analysing again. Answers
 * null when the document is not open in the server or its analysis failed.
 */
export const CONFIG_ANALYSIS_REQUEST = 'distillery/configAnalysis';
export interface ConfigAnalysisParams {
  readonly textDocument: { readonly uri: string };
}
export interface ConfigAnalysis {
  /** The document version analysed. */
  readonly version: number;
  /** Syntax, schema, semantic and risk diagnostics, fixes included. */
  readonly diagnostics: readonly Diagnostic[];
  readonly teacher?: ModelSummary;
  readonly student?: ModelSummary;
  /** The student after structured pruning (`compression.pruning.structure: units`): the panel shows both. */
  readonly pruned?: ModelSummary;
  readonly dataset?: DatasetInfo;
  readonly features: DistillConfig['distillation']['features'];
  /** The config's `output` folder as written (relative to the config). */
  readonly output: DistillConfig['output'];
}

/**
 * Commands carried by the server's code lenses; the extension registers them. Arguments are given in the
 * lens's `command.arguments`, typed below.
 */
export const START_TRAINING_COMMAND = COMMANDS.startTraining;
export const SHOW_COMPARISON_COMMAND = COMMANDS.showComparison;
/** `distillery.startTraining` and `distillery.showComparison` take the config's document URI first. */
export type StartTrainingArguments = [configUri: string];
/** The last-run lens passes the run directory (absolute path) as the second argument. */
export type ShowComparisonArguments = [configUri: string, runDirectory?: string];

/**
 * Settings the client may pass in `initializationOptions` (all optional).
 */
export interface ServerInitializationOptions {
  /** Milliseconds to wait after the last edit before re-validating a document (default 200). */
  readonly diagnosticsDelayMs?: number;
  /**
   * The raw `distillery.runsFolder` setting (relative to the workspace folder holding a config; empty = the
   * config's `output`), where the last-run lens looks for runs. Later changes arrive by
   * `workspace/didChangeConfiguration` with settings `{ distillery: { runsFolder } }`.
   */
  readonly runsFolder?: string;
}

/** The README the diagnostics link to (`codeDescription.href`); its "Diagnostic codes" table lists every code. */
export const README_URL = 'https://github.com/distillery/distillery/blob/main/README.md';

/** Documentation link of a diagnostic code: the README's diagnostic-code table (one row per code). */
export function diagnosticDocsUrl(_code: string): string {
  return `${README_URL}#diagnostic-codes`;
}
