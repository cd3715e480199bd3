/** Plain numbers for people: counts, exact integers, measured values without float noise, tensor shapes. */
import { isShowable, MISSING } from './missing';

/** A count shortened for a narrow cell: 950, 25.4k, 1.23M, 3.00G, 4.20T (parameters, FLOPs, examples). */
export function formatCount(value: number | undefined): string {
  if (!isShowable(value)) return MISSING;
  const abs = Math.abs(value);
  if (abs >= 1e12) return `${(value / 1e12).toFixed(abs >= 1e13 ? 1 : 2)}T`;
  if (abs >= 1e9) return `${(value / 1e9).toFixed(abs >= 1e10 ? 1 : 2)}G`;
  if (abs >= 1e6) return `${(value / 1e6).toFixed(abs >= 1e7 ? 1 : 2)}M`;
  if (abs >= 1e4) return `${(value / 1e3).toFixed(1)}k`;
  return String(Math.round(value));
}

/** An exact whole number with thousands separators, locale-independent: 1,234,567. */
export function formatInteger(value: number | undefined): string {
  return isShowable(value) ? Math.round(value).toLocaleString('en-US') : MISSING;
}

/**
 * A measured value with `significant` digits and no float noise (0.30000000000000004 -> 0.3, 0.12345678 -> 0.1235);
 * integers are shown whole.
 */
export function formatNumber(value: number | undefined, significant = 4): string {
  if (!isShowable(value)) return MISSING;
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(significant)));
}

/** A value with exactly `digits` decimals, for columns that line up (losses, objectives): 0.5000. */
export function formatFixed(value: number | undefined, digits: number): string {
  return isShowable(value) ? value.toFixed(digits) : MISSING;
}

/** A value in scientific notation with `digits` decimals, for values spanning decades (learning rates, logit gaps): 1.0e-3. */
export function formatScientific(value: number | undefined, digits = 1): string {
  return isShowable(value) ? value.toExponential(digits) : MISSING;
}

/** A value rounded to at most `digits` decimals, trailing zeros dropped, as a user would type it: 0.7, 0.333. */
export function formatRounded(value: number | undefined, digits = 3): string {
  return isShowable(value) ? String(Number(value.toFixed(digits))) : MISSING;
}

/** A tensor shape: [batch, 28, 28, 1] (a null dimension, as TF.js writes the batch, reads "batch"). */
export function formatShape(shape: readonly (number | string | null)[]): string {
  return `[${shape.map((d) => (d === null ? 'batch' : String(d))).join(', ')}]`;
}
