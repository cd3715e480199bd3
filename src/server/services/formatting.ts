/**
 * Formatting: re-prints the YAML with consistent indentation while keeping comments, key order and flow
 * style (the yaml library's Document keeps all three). A document with syntax errors is left alone:
 * re-printing a broken document could lose what the user typed.
 */
import { type FormattingOptions, type TextEdit } from 'vscode-languageserver';
import { parseDocument } from 'yaml';
import type { DocumentState } from '../document-state';

export function format(state: DocumentState, options: FormattingOptions): TextEdit[] {
  // Its own parse, on request only: printing needs the comments, which the analysis's tree need not keep.
  const document = parseDocument(state.text, { keepSourceTokens: false, version: '1.2' });
  if (document.errors.length > 0) return [];
  const indent = Math.max(1, Math.min(8, options.tabSize || 2));
  let formatted: string;
  try {
    formatted = document.toString({ indent, lineWidth: 0, indentSeq: true, flowCollectionPadding: true });
  } catch {
    // The printer refuses some documents the parser accepts (an alias used before its anchor): leave them as written.
    return [];
  }
  if (options.trimFinalNewlines !== false) formatted = formatted.replace(/\n+$/, '\n');
  if (options.insertFinalNewline === false && !state.text.endsWith('\n')) formatted = formatted.replace(/\n$/, '');
  if (formatted === state.text) return [];
  const end = state.clamp({ line: Number.MAX_SAFE_INTEGER, character: Number.MAX_SAFE_INTEGER });
  return [{ range: { start: { line: 0, character: 0 }, end }, newText: formatted }];
}
