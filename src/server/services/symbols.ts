/**
 * Document symbols (the outline): every key as a nested symbol; layers named by type, name and width, so
 * the outline reads like the architecture.
 */
import { type DocumentSymbol, SymbolKind } from 'vscode-languageserver';
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { SourceMap } from '../../core/config/source-map';
import type { DocumentState } from '../document-state';

function kindOf(node: Node | null | undefined): SymbolKind {
  if (isMap(node)) return SymbolKind.Namespace;
  if (isSeq(node)) return SymbolKind.Array;
  if (isScalar(node))
    return typeof node.value === 'number'
      ? SymbolKind.Number
      : typeof node.value === 'boolean'
        ? SymbolKind.Boolean
        : SymbolKind.String;
  return SymbolKind.Field;
}

function detailOf(node: Node | null | undefined): string | undefined {
  if (isScalar(node)) return node.value === null ? undefined : String(node.value);
  return undefined;
}

/** `dense hidden (64)` for `- dense: { units: 64, name: hidden }`. */
function itemName(item: Node | null | undefined, index: number): string {
  if (isMap(item) && item.items.length === 1) {
    const only = item.items[0];
    const tag = isScalar(only?.key) ? String(only.key.value) : undefined;
    const body = only?.value;
    if (tag && isMap(body)) {
      const name = body.get('name');
      const width = body.get('units') ?? body.get('filters');
      return `${tag}${typeof name === 'string' ? ` ${name}` : ''}${typeof width === 'number' ? ` (${width})` : ''}`;
    }
    if (tag) return tag;
  }
  if (isMap(item)) {
    const teacher = item.get('teacher');
    const student = item.get('student');
    if (typeof teacher === 'string' && typeof student === 'string') return `${teacher} -> ${student}`;
  }
  return isScalar(item) ? String(item.value) : `[${index}]`;
}

/**
 * Deeper levels are left out of the outline: nobody reads them there, and a tree thousands of levels deep
 * cannot cross from the worker thread (Node drops such messages, and every message after them).
 */
export const MAX_OUTLINE_DEPTH = 32;

function range(
  map: SourceMap,
  node: Node | null | undefined,
  fallback: readonly [number, number],
): DocumentSymbol['range'] {
  const [start, end] = node?.range ? [node.range[0], node.range[1]] : fallback;
  return map.rangeOf(start, end);
}

function children(map: SourceMap, node: Node | null | undefined, depth = 0): DocumentSymbol[] {
  if (depth >= MAX_OUTLINE_DEPTH) return [];
  if (isMap(node)) {
    return node.items.flatMap((pair) => {
      if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) return [];
      const key = pair.key as Node;
      const value = pair.value as Node | null;
      const start = key.range![0];
      const end = value?.range?.[1] ?? key.range![1];
      const detail = detailOf(value);
      return [
        {
          name: String((pair.key as { value: unknown }).value),
          kind: kindOf(value),
          ...(detail !== undefined ? { detail } : {}),
          range: map.rangeOf(start, Math.max(end, start)),
          selectionRange: map.rangeOf(key.range![0], key.range![1]),
          children: children(map, value, depth + 1),
        },
      ];
    });
  }
  if (isSeq(node)) {
    return node.items.flatMap((item, index) => {
      const itemNode = item as Node | null;
      if (!itemNode?.range) return [];
      const r = range(map, itemNode, [itemNode.range[0], itemNode.range[1]]);
      const inner =
        isMap(itemNode) && itemNode.items.length === 1
          ? (children(map, itemNode, depth + 1)[0]?.children ?? [])
          : children(map, itemNode, depth + 1);
      return [
        { name: itemName(itemNode, index), kind: SymbolKind.Object, range: r, selectionRange: r, children: inner },
      ];
    });
  }
  return [];
}

export function documentSymbols(state: DocumentState): DocumentSymbol[] {
  return children(state.parsed.sourceMap, state.parsed.document.contents as Node | null);
}
