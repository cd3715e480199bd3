/**
 * What every formatter shows for a value that is absent or not a number (undefined, NaN, ±Infinity), so a
 * table cell, a hover and a terminal line never print "NaN%" or "undefined": one dash, the panel's long-standing
 * placeholder, in every part.
 */
export const MISSING = '—';

/** True for a number that can be printed; narrows away undefined, null, NaN and ±Infinity. */
export function isShowable(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
