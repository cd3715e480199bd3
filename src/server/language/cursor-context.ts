/**
 * What the cursor is on, for completion: a key position in some map, or the value of some key, with the
 * word typed so far. Derived from the text (indentation and the cursor line), so it works on documents
 * that are mid-edit and do not parse.
 */
import type { ConfigPath } from '../../core/config/source-map';
import { containerOf, type LineIndex, pathOfToken, siblingsBelow } from './block-path';
import { flowKeysAfter, scanFlow } from './flow-scan';
import { commentStart, shapeOf } from './line-tokens';

export interface CursorContext {
  readonly kind: 'key' | 'value';
  /** key: the map (or list item) whose keys are offered; value: the key whose value is being typed. */
  readonly path: ConfigPath;
  /** The text typed so far (for values, from the value's start). */
  readonly prefix: string;
  readonly line: number;
  /** Characters of the cursor line that a completion replaces. */
  readonly replaceStart: number;
  readonly replaceEnd: number;
  /** Keys the surrounding map already has (not offered again). */
  readonly siblings: ReadonlySet<string>;
  /** Inside a `{ ... }` or `[ ... ]` collection: insertions must stay on one line. */
  readonly flow: boolean;
  /** Column of the key being typed (block snippets indent their children from it). */
  readonly column: number;
  /** The cursor line already has `:` after the word, so only the key name is inserted. */
  readonly colonFollows: boolean;
}

const WORD_AFTER = /^[\w./-]*/;

export function cursorContext(index: LineIndex, line: number, character: number): CursorContext | undefined {
  const text = index.lines[line] ?? '';
  const before = text.slice(0, character);
  if (commentStart(before) < before.length) return undefined;
  const after = text.slice(character);
  const wordAfter = WORD_AFTER.exec(after)?.[0] ?? '';
  const colonFollows = /^\s*:/.test(after.slice(wordAfter.length));
  const shape = shapeOf(before);
  const lastIndex = shape.tokens.length - 1;
  const last = shape.tokens[lastIndex];
  const base = { line, colonFollows, replaceEnd: character + wordAfter.length };

  if (shape.value.startsWith('{') || shape.value.startsWith('[')) {
    const basePath = last
      ? pathOfToken(index, line, lastIndex)
      : containerOf(index, line, shape.valueColumn, 'key').path;
    const flow = scanFlow(before.slice(shape.valueColumn), basePath);
    if (!flow) return undefined;
    const siblings = new Set([...flow.siblings, ...(flow.kind === 'key' ? flowKeysAfter(after) : [])]);
    return {
      ...base,
      kind: flow.kind,
      path: flow.path,
      prefix: flow.prefix,
      replaceStart: character - flow.prefix.length,
      siblings,
      flow: true,
      column: shape.valueColumn,
    };
  }
  if (last?.kind === 'key') {
    const valueEnd = text.slice(0, commentStart(text)).trimEnd().length;
    return {
      ...base,
      kind: 'value',
      path: pathOfToken(index, line, lastIndex),
      prefix: shape.value,
      replaceStart: shape.valueColumn,
      replaceEnd: Math.max(character, valueEnd),
      siblings: new Set(),
      flow: false,
      column: shape.valueColumn,
    };
  }
  // A key being typed (or an empty position) at `valueColumn`, possibly right after a list dash.
  const column = shape.valueColumn;
  const container =
    last?.kind === 'dash'
      ? { path: pathOfToken(index, line, lastIndex), siblingsAbove: [] as readonly string[] }
      : containerOf(index, line, column, 'key');
  const siblings = new Set([...container.siblingsAbove, ...siblingsBelow(index, line, column)]);
  return {
    ...base,
    kind: 'key',
    path: container.path,
    prefix: shape.value,
    replaceStart: column,
    siblings,
    flow: false,
    column,
  };
}
