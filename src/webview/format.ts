/** Number formatting for the panel: counts, bytes, FLOPs, percentages, durations, all locale-independent. */

export function formatCount(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${(value / 1e9).toFixed(abs >= 1e10 ? 1 : 2)}G`;
  if (abs >= 1e6) return `${(value / 1e6).toFixed(abs >= 1e7 ? 1 : 2)}M`;
  if (abs >= 1e4) return `${(value / 1e3).toFixed(1)}k`;
  return String(Math.round(value));
}

export function formatBytes(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1024 ** 3) return `${(value / 1024 ** 3).toFixed(2)} GiB`;
  if (abs >= 1024 ** 2) return `${(value / 1024 ** 2).toFixed(2)} MiB`;
  if (abs >= 1024) return `${(value / 1024).toFixed(1)} KiB`;
  return `${Math.round(value)} B`;
}

/** A 0..1 share as a percentage with `digits` decimals. */
export function formatPercent(share: number, digits = 1): string {
  return `${(share * 100).toFixed(digits)}%`;
}

/** A difference of two 0..1 shares in percentage points, always signed. */
export function formatPoints(delta: number, digits = 2): string {
  const points = delta * 100;
  const text = Math.abs(points).toFixed(digits);
  return `${points < 0 && Number(text) !== 0 ? '−' : '+'}${text} pt`;
}

export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return '—';
  return `${ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2)}×`;
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function formatMs(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`;
}

export function formatNumber(value: number, digits = 4): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(digits).replace(/\.?0+$/, '');
}

export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
