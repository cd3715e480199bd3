/**
 * Finds the YAML path of a block-style node from indentation alone, walking up the lines above it. This is
 * what lets completion work on half-typed documents that do not parse, and it only reads the lines between
 * the cursor and its ancestors (never the whole document).
 */
import type { ConfigPath } from '../../core/config/source-map';
import { shapeOf, type LineShape } from './line-tokens';

/** Lines of one document version with their shapes computed on demand and kept. */
export class LineIndex {
  private readonly shapes = new Map<number, LineShape>();

  constructor(readonly lines: readonly string[]) {}

  shape(line: number): LineShape {
    let shape = this.shapes.get(line);
    if (!shape) {
      shape = shapeOf(this.lines[line] ?? '');
      this.shapes.set(line, shape);
    }
    return shape;
  }

  /** Leading spaces of a line, or undefined for blank and comment-only lines (cheap: no tokenising). */
  indentOf(line: number): number | undefined {
    const text = this.lines[line] ?? '';
    let i = 0;
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    return i === text.length || text[i] === '#' || text[i] === '\r' ? undefined : i;
  }
}

export interface Container {
  /** Path of the map or list that holds the node. */
  readonly path: ConfigPath;
  /** For a list item: its index among the list's items. */
  readonly itemIndex: number;
  /** Keys of the same map found above the node. */
  readonly siblingsAbove: readonly string[];
}

/** The container of a node whose token (`kind`) starts at `column` on `line`. */
export function containerOf(index: LineIndex, line: number, column: number, kind: 'dash' | 'key'): Container {
  let itemIndex = 0;
  const siblingsAbove: string[] = [];
  for (let i = line - 1; i >= 0; i--) {
    const indent = index.indentOf(i);
    if (indent === undefined || indent > column) continue;
    const shape = index.shape(i);
    const at = shape.tokens.findIndex((t) => t.column === column);
    const same = at >= 0 ? shape.tokens[at] : undefined;
    if (same?.kind === 'dash' && kind === 'dash') {
      itemIndex++;
      if (at > 0) return { path: pathOfToken(index, i, at - 1), itemIndex, siblingsAbove };
      continue;
    }
    if (same?.kind === 'key' && kind === 'key') {
      siblingsAbove.push(same.key ?? '');
      if (at > 0) return { path: pathOfToken(index, i, at - 1), itemIndex, siblingsAbove };
      continue;
    }
    // `key:` followed by `- item` at the same column is the compact list style.
    if (same?.kind === 'key' && kind === 'dash' && shape.value === '' && at === shape.tokens.length - 1) {
      return { path: pathOfToken(index, i, at), itemIndex, siblingsAbove };
    }
    let parent = -1;
    shape.tokens.forEach((t, k) => {
      if (t.column < column) parent = k;
    });
    if (parent >= 0) return { path: pathOfToken(index, i, parent), itemIndex, siblingsAbove };
  }
  return { path: [], itemIndex, siblingsAbove };
}

/** Path of the node introduced by token `k` of `line` (a key's path, or a list item's path with its index). */
export function pathOfToken(index: LineIndex, line: number, k: number): ConfigPath {
  const token = index.shape(line).tokens[k];
  if (!token) return [];
  const container =
    k > 0
      ? { path: pathOfToken(index, line, k - 1), itemIndex: 0 }
      : containerOf(index, line, token.column, token.kind);
  return token.kind === 'key' ? [...container.path, token.key ?? ''] : [...container.path, container.itemIndex];
}

/** Keys at `column` below `line` that belong to the same map (stops where the block ends). */
export function siblingsBelow(index: LineIndex, line: number, column: number): string[] {
  const keys: string[] = [];
  for (let i = line + 1; i < index.lines.length; i++) {
    const indent = index.indentOf(i);
    if (indent === undefined || indent > column) continue;
    const shape = index.shape(i);
    const first = shape.tokens[0];
    // A shallower line closes the block; a dash at this column starts the next list item.
    if (indent < column || first?.kind === 'dash') break;
    if (first?.kind === 'key' && first.column === column) keys.push(first.key ?? '');
  }
  return keys;
}
