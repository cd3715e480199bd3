/**
 * Quick fixes: each diagnostic in the request's context is matched (by code and range) to the analysis
 * diagnostic it came from, whose `fixes` become workspace edits.
 */
import type { CodeAction, CodeActionParams, Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Diagnostic, Range } from '../../core/diagnostics';
import type { DocumentState } from '../document-state';
import { toCodeAction } from '../to-lsp';

const sameRange = (a: Range, b: Range): boolean =>
  a.start.line === b.start.line &&
  a.start.character === b.start.character &&
  a.end.line === b.end.line &&
  a.end.character === b.end.character;

function source(diagnostics: readonly Diagnostic[], requested: LspDiagnostic): Diagnostic | undefined {
  return diagnostics.find((d) => d.code === requested.code && sameRange(d.range, requested.range) && d.fixes?.length);
}

/** `diagnostics` gives the analysis diagnostics of the document's current version (computed only if needed). */
export function codeActions(
  state: DocumentState,
  params: CodeActionParams,
  diagnostics: () => readonly Diagnostic[],
): CodeAction[] {
  const only = params.context.only;
  if (only && !only.some((kind) => kind === 'quickfix' || kind.startsWith('quickfix.'))) return [];
  const ours = params.context.diagnostics.filter((d) => d.source === 'distillery');
  if (ours.length === 0) return [];
  const all = diagnostics();
  const actions: CodeAction[] = [];
  for (const requested of ours) {
    const match = source(all, requested);
    for (const fix of match?.fixes ?? []) actions.push(toCodeAction(fix, state.uri, requested));
  }
  return actions;
}
