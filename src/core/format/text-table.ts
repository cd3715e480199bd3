/**
 * Aligned plain-text columns for terminal tables (run results, the compression search, sweeps, inspect): two spaces
 * between columns, no trailing spaces, an optional rule of dashes under the header.
 */
export interface TextTableOptions {
  /** A line of dashes under the header. */
  readonly rule?: boolean;
  /** Column indexes aligned right (numbers). */
  readonly rightAligned?: ReadonlySet<number>;
}

export function textTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: TextTableOptions = {},
): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (options.rightAligned?.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...(options.rule ? [widths.map((w) => '-'.repeat(w)).join('  ')] : []), ...rows.map(line)];
}
