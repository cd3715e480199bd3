/**
 * Text edits for quick fixes: replace a key's value, or add a key (and any missing parent maps) to the
 * map that should hold it, in block or flow style as the surrounding text uses.
 */
import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import type { ParsedConfig } from '../config/parse';
import type { Position, TextEdit } from '../diagnostics';

const lineEnd = (text: string, line: number): Position => {
  const lines = text.split('\n');
  const content = (lines[line] ?? '').replace(/\r$/, '');
  return { line, character: content.length };
};

function nestedBlock(keys: readonly string[], value: string, indent: string, step: string): string {
  return keys.map((k, i) => `${indent}${step.repeat(i)}${k}:${i === keys.length - 1 ? ` ${value}` : ''}`).join('\n');
}

const nestedFlow = (keys: readonly string[], value: string): string =>
  keys.reduceRight((inner, key, i) => (i === keys.length - 1 ? `${key}: ${value}` : `${key}: { ${inner} }`), '');

/** Last offset of real content in a node (trailing blank lines and newlines excluded). */
function contentEnd(text: string, offset: number): number {
  let end = offset;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  return end;
}

function insertIntoMap(
  parsed: ParsedConfig,
  map: YAMLMap,
  keys: readonly string[],
  value: string,
): TextEdit | undefined {
  const { text, sourceMap } = parsed;
  if (!map.range) return undefined;
  if (map.flow) {
    const close = text.lastIndexOf('}', map.range[1]);
    if (close < map.range[0]) return undefined;
    const before = text.slice(map.range[0] + 1, close).trim();
    const at = sourceMap.positionAt(contentEnd(text, close));
    return {
      range: { start: at, end: at },
      newText: `${before ? ', ' : ' '}${nestedFlow(keys, value)}${before ? '' : ' '}`,
    };
  }
  const first = map.items[0]?.key as Node | null | undefined;
  const last = map.items[map.items.length - 1];
  if (!first?.range || !last) return undefined;
  const indent = ' '.repeat(sourceMap.positionAt(first.range[0]).character);
  const lastEnd = (last.value as Node | null)?.range?.[1] ?? (last.key as Node | null)?.range?.[1] ?? map.range[1];
  const at = lineEnd(text, sourceMap.positionAt(contentEnd(text, lastEnd)).line);
  return { range: { start: at, end: at }, newText: `\n${nestedBlock(keys, value, indent, '  ')}` };
}

/** An edit that makes `path` hold `value` (YAML text), or undefined when the text's shape does not allow one. */
export function setValueEdit(
  parsed: ParsedConfig,
  path: readonly (string | number)[],
  value: string,
): TextEdit | undefined {
  const existing = parsed.document.getIn(path, true) as Node | undefined;
  if (existing && isScalar(existing) && existing.range && existing.value !== null) {
    return { range: parsed.sourceMap.rangeOf(existing.range[0], existing.range[1]), newText: value };
  }
  if (parsed.document.hasIn(path)) return undefined;
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const parent = depth === 0 ? parsed.document.contents : parsed.document.getIn(path.slice(0, depth), true);
    if (isMap(parent)) return insertIntoMap(parsed, parent, path.slice(depth).map(String), value);
    if (parent !== undefined) return undefined;
  }
  return undefined;
}
