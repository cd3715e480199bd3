/**
 * What `activate` returns (vscode.extensions.getExtension('distillery.distillery').exports): lets tasks of
 * other extensions, and the end-to-end tests, follow runs without scraping the UI.
 */
import type { LanguageClientHost } from './language/client-host';
import type { TrainingSupervisor } from './training/supervisor';

export interface DistilleryApi {
  readonly supervisor: TrainingSupervisor;
  readonly languageClient: LanguageClientHost;
  /** Resolves once the language server has started (or failed to; the failure was already shown). */
  readonly serverReady: Promise<void>;
  /** How long activation took, for the benchmark (bench/extension.bench.ts). */
  readonly timings: Promise<ActivationTimings>;
}

export interface ActivationTimings {
  /** Evaluating the bundle up to the call of `activate` (module top-level code). */
  readonly bundleLoadMs: number;
  /** The synchronous part of `activate`: what blocks the extension host. */
  readonly activateMs: number;
  /** From `activate` until the language server answered `initialize`. */
  readonly serverReadyMs: number;
}
