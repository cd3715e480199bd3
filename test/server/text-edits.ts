/** Applies LSP text edits to a string, as an editor would (edits must not overlap). */
import type { TextEdit } from 'vscode-languageserver-protocol/node';

function offsetOf(text: string, line: number, character: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + character);
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const placed = edits.map((e) => ({
    start: offsetOf(text, e.range.start.line, e.range.start.character),
    end: offsetOf(text, e.range.end.line, e.range.end.character),
    newText: e.newText,
  }));
  placed.sort((a, b) => b.start - a.start);
  let out = text;
  for (const edit of placed) out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  return out;
}
