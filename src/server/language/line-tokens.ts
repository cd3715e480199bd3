/**
 * Splits one line of block YAML into its structural tokens: sequence dashes and mapping keys, with their
 * columns, plus where the value starts. Works on any text (half-typed lines included) because completion
 * must work while the document does not parse.
 */

export interface LineToken {
  readonly kind: 'dash' | 'key';
  /** 0-based column of the dash or of the key's first character. */
  readonly column: number;
  readonly key?: string;
}

export interface LineShape {
  readonly indent: number;
  readonly tokens: readonly LineToken[];
  /** Column where the value after the last key (or dash) starts, and its text (comment stripped). */
  readonly valueColumn: number;
  readonly value: string;
  /** True for blank and comment-only lines, which never open or close a block. */
  readonly empty: boolean;
}

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{}[\],:-][^:#]*?|-[^\s:#][^:#]*?)\s*:(?=\s|$)/;

/** Index of a ` #` comment start outside quotes, or the line length. */
export function commentStart(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      if (i === 0 || /[\s:{[,-]/.test(line[i - 1] ?? '')) quote = ch;
    } else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) {
      return i;
    }
  }
  return line.length;
}

function unquote(key: string): string {
  if (key.startsWith('"') && key.endsWith('"') && key.length >= 2) return key.slice(1, -1).replace(/\\(.)/g, '$1');
  if (key.startsWith("'") && key.endsWith("'") && key.length >= 2) return key.slice(1, -1).replace(/''/g, "'");
  return key.trim();
}

export function shapeOf(line: string): LineShape {
  const body = line.slice(0, commentStart(line));
  const indent = body.length - body.trimStart().length;
  const tokens: LineToken[] = [];
  let at = indent;
  while (at < body.length) {
    const rest = body.slice(at);
    if (rest[0] === '-' && (rest.length === 1 || /\s/.test(rest[1] ?? ''))) {
      tokens.push({ kind: 'dash', column: at });
      at += 1;
      while (at < body.length && /\s/.test(body[at] ?? '')) at++;
      continue;
    }
    const match = KEY.exec(rest);
    if (!match || rest[0] === '{' || rest[0] === '[') break;
    tokens.push({ kind: 'key', column: at, key: unquote(match[1] ?? '') });
    at += match[0].length;
    while (at < body.length && /\s/.test(body[at] ?? '')) at++;
    // Only one key per line in block style: what follows is its value (possibly a flow collection).
    break;
  }
  return { indent, tokens, valueColumn: at, value: body.slice(at).trimEnd(), empty: body.trim() === '' };
}
