/**
 * Applies `distillery.diagnostics.strictness` to what the server publishes, on the client side, so the
 * setting works whatever the server knows about it: "errors" hides risk warnings, "strict" shows them as errors.
 */
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import type { DiagnosticsStrictness } from '../settings';

function isRisk(diagnostic: vscode.Diagnostic): boolean {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return typeof code === 'string' && code.startsWith('risk/');
}

export function adjustForStrictness(
  diagnostics: readonly vscode.Diagnostic[],
  strictness: DiagnosticsStrictness,
): vscode.Diagnostic[] {
  if (strictness === 'normal') return [...diagnostics];
  if (strictness === 'errors') return diagnostics.filter((d) => !isRisk(d));
  return diagnostics.map((d) => {
    if (!isRisk(d) || d.severity === vscode.DiagnosticSeverity.Error) return d;
    const promoted = new vscode.Diagnostic(d.range, d.message, vscode.DiagnosticSeverity.Error);
    promoted.code = d.code;
    promoted.source = d.source;
    promoted.relatedInformation = d.relatedInformation;
    promoted.tags = d.tags;
    return promoted;
  });
}

export function strictnessMiddleware(strictness: () => DiagnosticsStrictness): Middleware {
  return {
    handleDiagnostics(uri, diagnostics, next) {
      next(uri, adjustForStrictness(diagnostics, strictness()));
    },
  };
}
