/** Human-readable sizes and counts for hovers and code lenses. */

export const formatCount = (n: number): string => Math.round(n).toLocaleString('en-US');

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(2)} MB`;
}

export function formatRatio(ratio: number): string {
  return ratio >= 10 ? `${Math.round(ratio)}x` : `${ratio.toFixed(1)}x`;
}

export const formatPercent = (share: number, digits = 1): string => `${(share * 100).toFixed(digits)}%`;

/** Numbers as the user would write them: no float noise (0.30000000000000004 -> 0.3). */
export const formatNumber = (n: number): string => String(Number(n.toPrecision(6)));
