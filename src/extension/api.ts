/**
 * What `activate` returns (vscode.extensions.getExtension('distillery.distillery').exports): lets tasks of
 * other extensions, and the end-to-end tests, follow runs without scraping the UI.
 */
import type * as vscode from 'vscode';
import type { PanelKind } from '../core/protocol/webview-messages';
import type { LanguageClientHost } from './language/client-host';
import type { TrainingSupervisor } from './training/supervisor';

export interface DistilleryApi {
  readonly supervisor: TrainingSupervisor;
  readonly languageClient: LanguageClientHost;
  /** Resolves once the language server has started (or failed to; the failure was already shown). */
  readonly serverReady: Promise<void>;
  /** What the open panels were sent: lets the end-to-end tests check a panel got a run's results without scraping the webview. */
  readonly panels: PanelProbe;
  /** How long activation took, for the benchmark (bench/extension.bench.ts). */
  readonly timings: Promise<ActivationTimings>;
}

export interface PanelProbe {
  /**
   * Run ids of the reports the open panel of `kind` for `target` accepted since its page (re)loaded, oldest
   * first (the last one is what its Results view shows unless the user picked another run); undefined when
   * no such panel is open.
   */
  deliveredReports(kind: PanelKind, target: vscode.Uri): readonly string[] | undefined;
}

export interface ActivationTimings {
  /** Evaluating the bundle up to the call of `activate` (module top-level code). */
  readonly bundleLoadMs: number;
  /** The synchronous part of `activate`: what blocks the extension host. */
  readonly activateMs: number;
  /** From `activate` until the language server answered `initialize`. */
  readonly serverReadyMs: number;
}
