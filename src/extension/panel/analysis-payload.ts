/** Turns the core analysis of a config into the `analysis` message the panel renders. No `vscode` import. */
import * as path from 'node:path';
import type { Analysis } from '../../core/analysis/analyze';
import type { AnalysisPayload, PanelDiagnostic } from '../../core/protocol/webview-messages';

export function toAnalysisPayload(analysis: Analysis, configPath: string): AnalysisPayload {
  const diagnostics: PanelDiagnostic[] = analysis.diagnostics.map((d) => ({
    code: d.code,
    severity: d.severity,
    message: d.message,
    range: d.range,
    ...(d.source !== undefined ? { source: d.source } : {}),
    fixTitles: (d.fixes ?? []).map((fix) => fix.title),
  }));
  return {
    configName: path.basename(configPath),
    ...(analysis.teacher ? { teacher: analysis.teacher } : {}),
    ...(analysis.student ? { student: analysis.student } : {}),
    features: analysis.parsed.config.distillation.features,
    diagnostics,
    ...(analysis.dataset ? { dataset: analysis.dataset } : {}),
  };
}
