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
}
