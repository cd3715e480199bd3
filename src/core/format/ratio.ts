/** How many times larger one thing is than another (compression ratios): 2.50×, 21.1×, 340×. */
import { isShowable, MISSING } from './missing';

export function formatRatio(ratio: number | undefined): string {
  if (!isShowable(ratio)) return MISSING;
  const abs = Math.abs(ratio);
  return `${ratio.toFixed(abs >= 100 ? 0 : abs >= 10 ? 1 : 2)}×`;
}

/** `whole / part` as a ratio, or the missing mark when the part is zero or either side is unknown. */
export function formatRatioOf(whole: number | undefined, part: number | undefined): string {
  return isShowable(whole) && isShowable(part) && part !== 0 ? formatRatio(whole / part) : MISSING;
}
