/** Folding ranges: every map or list spanning several lines, and runs of consecutive comment lines. */
import { type FoldingRange, FoldingRangeKind } from 'vscode-languageserver';
import { isMap, isPair, isSeq, type Node } from 'yaml';
import type { DocumentState } from '../document-state';

/** Nesting deeper than this is not folded (and a recursion this deep would exhaust a worker's stack). */
const MAX_FOLD_DEPTH = 64;

function collect(
  node: Node | null | undefined,
  state: DocumentState,
  startLine: number | undefined,
  out: FoldingRange[],
  depth = 0,
): void {
  if ((!isMap(node) && !isSeq(node)) || depth > MAX_FOLD_DEPTH) return;
  // The root map is the whole document: folding it away would hide everything.
  if (node.range && startLine !== undefined) {
    const first = startLine;
    // The value's end offset may sit at the start of the next line; fold up to the last line with content.
    const last = state.parsed.sourceMap.positionAt(Math.max(node.range[0], node.range[1] - 1)).line;
    if (last > first) out.push({ startLine: first, endLine: last });
  }
  for (const item of node.items) {
    if (isPair(item)) {
      const key = item.key as Node | null;
      const keyLine = key?.range ? state.parsed.sourceMap.positionAt(key.range[0]).line : undefined;
      collect(item.value as Node | null, state, keyLine, out, depth + 1);
    } else {
      const child = item as Node | null;
      collect(
        child,
        state,
        child?.range ? state.parsed.sourceMap.positionAt(child.range[0]).line : undefined,
        out,
        depth + 1,
      );
    }
  }
}

function commentRuns(lines: readonly string[], out: FoldingRange[]): void {
  let start = -1;
  for (let i = 0; i <= lines.length; i++) {
    const isComment = i < lines.length && /^\s*#/.test(lines[i] ?? '');
    if (isComment && start < 0) start = i;
    if (!isComment && start >= 0) {
      if (i - 1 > start) out.push({ startLine: start, endLine: i - 1, kind: FoldingRangeKind.Comment });
      start = -1;
    }
  }
}

export function foldingRanges(state: DocumentState): FoldingRange[] {
  const out: FoldingRange[] = [];
  collect(state.parsed.document.contents as Node | null, state, undefined, out);
  commentRuns(state.lines.lines, out);
  return out;
}
