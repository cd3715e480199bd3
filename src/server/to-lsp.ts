/** Core vocabulary (diagnostics, fixes) -> LSP types. */
import {
  CodeAction,
  CodeActionKind,
  DiagnosticSeverity,
  type Diagnostic as LspDiagnostic,
  type TextEdit,
} from 'vscode-languageserver';
import type { Diagnostic, Fix, Severity } from '../core/diagnostics';
import { diagnosticDocsUrl } from '../core/protocol/lsp-messages';

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(diagnostic: Diagnostic): LspDiagnostic {
  return {
    range: diagnostic.range,
    severity: SEVERITY[diagnostic.severity],
    code: diagnostic.code,
    codeDescription: { href: diagnosticDocsUrl(diagnostic.code) },
    source: 'distillery',
    message: diagnostic.source ? `${diagnostic.message}\n(Threshold: ${diagnostic.source})` : diagnostic.message,
  };
}

export function toCodeAction(fix: Fix, uri: string, diagnostic: LspDiagnostic): CodeAction {
  const edits: TextEdit[] = fix.edits.map((e) => ({ range: e.range, newText: e.newText }));
  const action = CodeAction.create(fix.title, { changes: { [uri]: edits } }, CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  if (fix.preferred) action.isPreferred = true;
  return action;
}
