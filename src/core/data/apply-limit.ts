/**
 * `data.limit` takes a seeded, stratified sample: the total is capped and every class keeps its share
 * (largest-remainder rounding, so the counts still add up to the limit).
 */
import type { DatasetInfo } from './dataset-info';

export function applyLimit(info: DatasetInfo, limit: number | undefined): DatasetInfo {
  if (limit === undefined || limit >= info.examples || info.examples === 0) return info;
  const exact = info.classCounts.map((c) => (c * limit) / info.examples);
  const counts = exact.map(Math.floor);
  let missing = limit - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r);
  for (const { i } of byRemainder) {
    if (missing <= 0) break;
    counts[i] = counts[i]! + 1;
    missing--;
  }
  return { ...info, classCounts: counts, examples: limit };
}
