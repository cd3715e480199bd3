/**
 * The distillation gain (student minus baseline accuracy over seeds) and its verdict, said the same way by the
 * run summary, report.md, the CLI results table and the panel.
 */
import type { DistillationGain } from '../protocol/report';
import { isShowable } from './missing';
import { formatPointsSpread } from './percent';

/**
 * `helped` / `hurt`: mean ± one sample standard deviation lies wholly above / below zero; `unclear`: it straddles
 * zero; `one-seed`: a single seed has no spread, so a gain cannot be told from seed noise.
 */
export type GainVerdict = 'helped' | 'hurt' | 'unclear' | 'one-seed';

export function gainVerdict(gain: DistillationGain): GainVerdict {
  if (gain.seeds < 2) return 'one-seed';
  if (!isShowable(gain.mean) || !isShowable(gain.std)) return 'unclear';
  if (gain.mean - gain.std > 0) return 'helped';
  if (gain.mean + gain.std < 0) return 'hurt';
  return 'unclear';
}

const VERDICT_TEXT: Record<GainVerdict, string> = {
  helped: 'distillation helped',
  hurt: 'distillation hurt',
  unclear: 'no clear difference from training on labels alone',
  'one-seed': 'one seed only, too few to tell a gain from noise (set evaluation.seeds to 2 or more)',
};

export const describeGainVerdict = (verdict: GainVerdict): string => VERDICT_TEXT[verdict];

/** "1 seed", "3 seeds". */
export const formatSeeds = (seeds: number): string => `${seeds} ${seeds === 1 ? 'seed' : 'seeds'}`;

/** "+1.23 ± 0.45 pt over 3 seeds" (no ± with one seed: it has no spread). */
export function formatGain(gain: DistillationGain): string {
  const spread = gain.seeds > 1 ? gain.std : undefined;
  return `${formatPointsSpread(gain.mean, spread)} over ${formatSeeds(gain.seeds)}`;
}
