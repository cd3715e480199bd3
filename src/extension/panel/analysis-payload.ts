/**
 * Turns the language server's analysis of a config (or, with the server down, core's) into the `analysis`
 * message the panel renders. No `vscode` import.
 */
import * as path from 'node:path';
import type { Analysis } from '../../core/analysis/analyze';
import type { ConfigAnalysis } from '../../core/protocol/lsp-messages';
import type { AnalysisPayload, PanelDiagnostic } from '../../core/protocol/webview-messages';

/** Core's analysis in the shape the server answers with. */
export function asConfigAnalysis(analysis: Analysis, version: number): ConfigAnalysis {
  return {
    version,
    diagnostics: analysis.diagnostics,
    ...(analysis.teacher ? { teacher: analysis.teacher } : {}),
    ...(analysis.student ? { student: analysis.student } : {}),
    ...(analysis.pruned ? { pruned: analysis.pruned } : {}),
    ...(analysis.dataset ? { dataset: analysis.dataset } : {}),
    features: analysis.parsed.config.distillation.features,
    output: analysis.parsed.config.output,
  };
}

/** Core's `Analysis` is accepted too (tests and tools build payloads from it directly). */
export function toAnalysisPayload(source: ConfigAnalysis | Analysis, configPath: string): AnalysisPayload {
  const analysis = 'parsed' in source ? asConfigAnalysis(source, 0) : source;
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
    ...(analysis.pruned ? { pruned: analysis.pruned } : {}),
    features: analysis.features,
    diagnostics,
    ...(analysis.dataset ? { dataset: analysis.dataset } : {}),
  };
}
