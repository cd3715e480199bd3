/** The `distillery.diagnostics.strictness` setting applied to a list of findings. Pure, for unit tests. */
import type { Diagnostic } from '../core/diagnostics';
import type { DiagnosticsStrictness } from './settings';

/** "errors": drop risks; "normal": keep everything; "strict": risks become errors. */
export function applyStrictness(diagnostics: readonly Diagnostic[], strictness: DiagnosticsStrictness): Diagnostic[] {
  if (strictness === 'normal') return [...diagnostics];
  if (strictness === 'errors') return diagnostics.filter((d) => d.severity === 'error');
  return diagnostics.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error' } : d));
}
