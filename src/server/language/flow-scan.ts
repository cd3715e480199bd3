/**
 * Reads a one-line flow collection (`{ units: 64, activation: re` or `[ { dense: {`) up to the cursor and
 * says where the cursor is inside it: which key's value, or which map's next key.
 */
import type { ConfigPath } from '../../core/config/source-map';

export interface FlowPosition {
  readonly kind: 'key' | 'value';
  /** key: the map whose keys are offered; value: the key (or list item) whose value is typed. */
  readonly path: ConfigPath;
  readonly prefix: string;
  /** Keys already written in the same map before the cursor. */
  readonly siblings: readonly string[];
}

interface Frame {
  readonly open: '{' | '[';
  readonly path: ConfigPath;
  key?: string;
  index: number;
  readonly keys: string[];
}

/**
 * No schema path is more than a few levels deep, so nothing inside a collection nested deeper can be completed.
 * Stopping there keeps the scan linear: a line of 25,000 `[` (found by the fuzz) copied ever-longer paths and held
 * completion for 6 s.
 */
export const MAX_COMPLETION_DEPTH = 64;

const unquote = (text: string): string => text.trim().replace(/^(["'])(.*)\1$/, '$2');

/** `text` starts at the flow collection's opening bracket and ends at the cursor. */
export function scanFlow(text: string, basePath: ConfigPath): FlowPosition | undefined {
  const stack: Frame[] = [];
  let token = '';
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    const top = stack[stack.length - 1];
    if (quote) {
      if (ch === quote) quote = undefined;
      token += ch;
      continue;
    }
    if ((ch === '"' || ch === "'") && token.trim() === '') {
      quote = ch;
      token += ch;
      continue;
    }
    if (ch === '{' || ch === '[') {
      const path = !top
        ? basePath
        : top.open === '{'
          ? [...top.path, top.key ?? unquote(token)]
          : [...top.path, top.index];
      if (stack.length >= MAX_COMPLETION_DEPTH) return undefined;
      stack.push({ open: ch, path, index: 0, keys: [] });
      token = '';
    } else if (ch === '}' || ch === ']') {
      stack.pop();
      token = '';
      if (stack.length === 0) return undefined;
    } else if (ch === ',' && top) {
      if (top.open === '{') {
        const key = top.key ?? unquote(token);
        if (key) top.keys.push(key);
        top.key = undefined;
      } else {
        top.index++;
      }
      token = '';
    } else if (ch === ':' && top?.open === '{' && top.key === undefined && /[\s,}]|^$/.test(text[i + 1] ?? '')) {
      top.key = unquote(token);
      token = '';
    } else {
      token += ch;
    }
  }
  const top = stack[stack.length - 1];
  if (!top) return undefined;
  if (top.open === '[')
    return { kind: 'value', path: [...top.path, top.index], prefix: token.trimStart(), siblings: [] };
  if (top.key !== undefined)
    return { kind: 'value', path: [...top.path, top.key], prefix: token.trimStart(), siblings: top.keys };
  return { kind: 'key', path: top.path, prefix: token.trimStart(), siblings: top.keys };
}

/** Keys written after the cursor in the same flow map (up to its closing brace). */
export function flowKeysAfter(text: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  const pattern = /[{}[\],]|([\w-]+)\s*:(?=\s|$|[,}])/g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const ch = m[0];
    if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      if (depth === 0) break;
      depth--;
    } else if (m[1] && depth === 0) keys.push(m[1]);
  }
  return keys;
}
