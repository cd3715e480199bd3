/**
 * A finding from building the dataset facts or a model summary, tied to the config key it concerns.
 * The rule owning `code` turns it into a Diagnostic (with the key's source range), so each code keeps a
 * single reporting rule even when the finding is discovered while summarising.
 */
import type { ConfigPath } from '../config/source-map';
import type { DiagnosticCode } from '../diagnostics';

export interface Problem {
  readonly code: DiagnosticCode;
  readonly message: string;
  /** The config key to underline. */
  readonly path: ConfigPath;
  /** Underline the key itself instead of its value. */
  readonly atKey?: boolean;
}
