/**
 * How deep a text nests flow collections (`{` and `[`). The YAML parser spends seconds on thousands of nested,
 * unclosed flow collections (25,000 `{a: ` before the rest of a config: 4 s and 75,000 errors), on every
 * keystroke; no config needs more than a handful of levels. A cheap scan finds where the nesting passes a limit.
 * Quotes and comments are skipped; block scalars are not told apart (a brace inside one counts), which can only
 * make the scan stop early on a text that is already hundreds of brackets deep.
 */

export const MAX_FLOW_DEPTH = 256;

/** The offset of the bracket that opens level `limit + 1`, or undefined when the text stays within `limit`. */
export function flowDepthExceeded(text: string, limit = MAX_FLOW_DEPTH): number | undefined {
  let depth = 0;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
      else if (c === '\n' && quote === "'" && depth === 0) quote = undefined;
      continue;
    }
    if (c === '"' || (c === "'" && (i === 0 || /[\s[{,:]/.test(text[i - 1]!)))) quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf('\n', i);
      if (end < 0) return undefined;
      i = end;
    } else if (c === '{' || c === '[') {
      depth++;
      if (depth > limit) return i;
    } else if ((c === '}' || c === ']') && depth > 0) depth--;
  }
  return undefined;
}
