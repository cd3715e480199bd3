/**
 * Expands a config's `sweep` section into trials: the full grid (or a seeded sample of `budget` combinations
 * when the grid is larger), or `budget` random draws. Each trial is a map from dotted config path to value.
 * Deterministic: the same section and seed always give the same trials in the same order.
 */
import type { SweepConfig, SweepParameterSpec } from '../core/config/types';
import type { SweepValue } from '../core/protocol/sweep';
import { resolveSweepTarget, type SweepTarget } from '../core/schema/sweep-target';
import { DEFAULT_RANDOM_BUDGET } from '../core/schema/sweep-schema';
import { pickIndex, type Random, sampleIndices, seededRandom } from './prng';
import { SweepError } from '../core/sweep-error';

export interface TrialPlan {
  readonly id: string;
  readonly index: number;
  readonly params: Readonly<Record<string, SweepValue>>;
}

export const trialId = (index: number): string => `trial-${String(index).padStart(3, '0')}`;

interface ResolvedParameter {
  readonly spec: SweepParameterSpec;
  readonly target: SweepTarget;
}

function listed(spec: SweepParameterSpec): readonly SweepValue[] | undefined {
  const list = spec.values ?? spec.choices;
  if (!list) return undefined;
  const seen = new Set<string>();
  return list.filter((v) => (seen.has(String(v)) ? false : (seen.add(String(v)), true)));
}

function draw(random: Random, { spec, target }: ResolvedParameter): SweepValue {
  const list = listed(spec);
  if (list) return list[pickIndex(random, list.length)]!;
  const min = spec.min!;
  const max = spec.max!;
  const u = random();
  const raw =
    spec.scale === 'log' ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))) : min + u * (max - min);
  if (target.kind === 'number' && target.node.integer)
    return Math.min(Math.floor(max), Math.max(Math.ceil(min), Math.round(raw)));
  // Six significant digits keep trial configs readable without changing anything a trainer can feel.
  return Number(raw.toPrecision(6));
}

/** The parameter values the sweep tries (the lists, or the ranges' draws), in first-use order; for sweep.json. */
export function parameterValues(
  trials: readonly TrialPlan[],
  sweep: SweepConfig,
): { path: string; values: SweepValue[] }[] {
  return sweep.parameters.map((p) => ({
    path: p.path,
    values: listed(p)
      ? [...listed(p)!]
      : [...new Set(trials.map((t) => t.params[p.path]!))].sort((a, b) => Number(a) - Number(b)),
  }));
}

function resolveAll(sweep: SweepConfig, rawConfig: unknown): ResolvedParameter[] {
  return sweep.parameters.map((spec) => {
    const resolved = resolveSweepTarget(spec.path, rawConfig);
    if (!resolved.ok) throw new SweepError(`Sweep parameter \`${spec.path}\`: ${resolved.message}`);
    if (!listed(spec) && (spec.min === undefined || spec.max === undefined)) {
      throw new SweepError(`Sweep parameter \`${spec.path}\` needs \`values\`, \`choices\`, or \`min\` and \`max\`.`);
    }
    if (sweep.method === 'grid' && !listed(spec))
      throw new SweepError(`Grid search needs a list of values for \`${spec.path}\` (or use method: random).`);
    return { spec, target: resolved.target };
  });
}

export function expandSweep(sweep: SweepConfig, rawConfig: unknown): TrialPlan[] {
  if (sweep.parameters.length === 0) throw new SweepError('The sweep has no parameters.');
  const parameters = resolveAll(sweep, rawConfig);
  const random = seededRandom(sweep.seed);
  const combos: Record<string, SweepValue>[] = [];
  if (sweep.method === 'grid') {
    const lists = parameters.map((p) => listed(p.spec)!);
    const total = lists.reduce((n, l) => n * l.length, 1);
    const chosen =
      sweep.budget !== undefined && sweep.budget < total
        ? sampleIndices(random, total, sweep.budget)
        : Array.from({ length: total }, (_, i) => i);
    for (const flat of chosen) {
      // Mixed-radix decoding of the combination number; the last parameter varies fastest.
      const params: Record<string, SweepValue> = {};
      let rest = flat;
      for (let k = parameters.length - 1; k >= 0; k--) {
        const list = lists[k]!;
        params[parameters[k]!.spec.path] = list[rest % list.length]!;
        rest = Math.floor(rest / list.length);
      }
      combos.push(Object.fromEntries(parameters.map((p) => [p.spec.path, params[p.spec.path]!])));
    }
  } else {
    const budget = sweep.budget ?? DEFAULT_RANDOM_BUDGET;
    for (let i = 0; i < budget; i++)
      combos.push(Object.fromEntries(parameters.map((p) => [p.spec.path, draw(random, p)])));
  }
  return combos.map((params, index) => ({ id: trialId(index), index, params }));
}
