/**
 * Shares and their differences. A share is a 0..1 fraction (accuracy, agreement, sparsity); a difference of two
 * shares is in percentage points ("pt"), always signed, with a real minus sign (U+2212) so it cannot be misread
 * as a dash.
 */
import { isShowable, MISSING } from './missing';

const MINUS = '\u2212';

/** 0.9123 -> "91.2%" (`digits` decimals). */
export function formatPercent(share: number | undefined, digits = 1): string {
  return isShowable(share) ? `${(share * 100).toFixed(digits)}%` : MISSING;
}

/** A signed number of percentage points without the unit: +1.23, −0.40, +0.00 (never "−0.00"). */
export function signedPoints(delta: number, digits = 2): string {
  const text = Math.abs(delta * 100).toFixed(digits);
  return `${delta < 0 && Number(text) !== 0 ? MINUS : '+'}${text}`;
}

/** A difference of two shares in percentage points: 0.0123 -> "+1.23 pt", -0.004 -> "−0.40 pt". */
export function formatPoints(delta: number | undefined, digits = 2): string {
  return isShowable(delta) ? `${signedPoints(delta, digits)} pt` : MISSING;
}

/** A mean difference with its spread: "+1.23 ± 0.45 pt"; without a spread (one sample): "+1.23 pt". */
export function formatPointsSpread(mean: number | undefined, spread: number | undefined, digits = 2): string {
  if (!isShowable(mean)) return MISSING;
  if (!isShowable(spread)) return formatPoints(mean, digits);
  return `${signedPoints(mean, digits)} ± ${Math.abs(spread * 100).toFixed(digits)} pt`;
}
