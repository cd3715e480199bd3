/**
 * The space of `compression.target` (accuracy-aware compression): every combination of pruning sparsity,
 * pruning structure and weight type the search tries, with stable ids (the folder names under the run's
 * `search/`, so a resumed search recognises the points it finished). Sparsity 0 is "no pruning" whatever the
 * structure. The uncompressed student (`none-float32`) is always a point: the reference of every drop and size
 * ratio, and what the search keeps when no compressed point is within the target and smaller. Pure.
 */
import type { CompressionTarget } from '../config/types';

export type SearchStructure = 'none' | 'unstructured' | 'units';
export type SearchDtype = 'float32' | 'float16' | 'int8' | 'int4';

/** The settings of one point of the space. */
export interface SearchSettings {
  readonly sparsity: number;
  /** `none` exactly when sparsity is 0. */
  readonly structure: SearchStructure;
  readonly dtype: SearchDtype;
  /** Quantization-aware fine-tuning (a dimension of the space once `compression.quantization.aware` exists). */
  readonly aware: boolean;
}

/** Points sharing one pruned model: the same sparsity and structure (fine-tuned once, then quantized per dtype). */
export interface PruningGroup {
  readonly id: string;
  readonly sparsity: number;
  readonly structure: SearchStructure;
  readonly points: readonly (SearchSettings & { readonly id: string })[];
}

/** The uncompressed student's point id. */
export const REFERENCE_POINT_ID = 'none-float32';

export const DEFAULT_SPARSITIES: readonly number[] = [0, 0.25, 0.5, 0.75];
export const DEFAULT_STRUCTURES: readonly ('unstructured' | 'units')[] = ['unstructured', 'units'];
export const DEFAULT_DTYPES: readonly SearchDtype[] = ['float32', 'float16', 'int8', 'int4'];

/** `units50`, `unstructured25`, `none` (no pruning): a folder name, stable across runs. */
export function pruningGroupId(sparsity: number, structure: SearchStructure): string {
  return structure === 'none' ? 'none' : `${structure}${Number((sparsity * 100).toFixed(2))}`;
}

/** `units50-int8`, `none-float16`, `units75-int4-aware`. */
export function searchPointId(settings: SearchSettings): string {
  return `${pruningGroupId(settings.sparsity, settings.structure)}-${settings.dtype}${settings.aware ? '-aware' : ''}`;
}

/** The sparsities the search tries, sorted and without repeats (0 included when listed). */
export function searchSparsities(target: Pick<CompressionTarget, 'sparsity'>): number[] {
  return [...new Set(target.sparsity ?? DEFAULT_SPARSITIES)].sort((a, b) => a - b);
}

/** Every point of the space, grouped by pruned model, in the order the search runs them (least compressed first). */
export function searchSpace(
  target: Pick<CompressionTarget, 'sparsity' | 'structure' | 'dtype' | 'aware'>,
): PruningGroup[] {
  const structures = [...new Set(target.structure ?? DEFAULT_STRUCTURES)];
  const dtypes = DEFAULT_DTYPES.filter((d) => (target.dtype ?? DEFAULT_DTYPES).includes(d));
  const awareChoices = [...new Set(target.aware ?? [false])].sort((a, b) => Number(a) - Number(b));
  const groups: PruningGroup[] = [];
  // The reference is always measured, whatever the lists say; the unpruned quantized points only when 0 is listed.
  const listed = searchSparsities(target);
  for (const sparsity of [...new Set([0, ...listed])]) {
    const groupStructures: SearchStructure[] = sparsity === 0 ? ['none'] : structures;
    for (const structure of groupStructures) {
      const groupDtypes =
        structure === 'none' ? [...new Set<SearchDtype>(['float32', ...(listed.includes(0) ? dtypes : [])])] : dtypes;
      const points = groupDtypes.flatMap((dtype) =>
        awareChoices
          .filter((aware) => !(aware && dtype === 'float32'))
          .map((aware) => ({
            sparsity,
            structure,
            dtype,
            aware,
            id: searchPointId({ sparsity, structure, dtype, aware }),
          })),
      );
      if (points.length) groups.push({ id: pruningGroupId(sparsity, structure), sparsity, structure, points });
    }
  }
  return groups;
}

/** Fine-tunings the space runs: one per pruned group, one per quantization-aware point (the run's epoch plan). */
export function fineTunings(target: Pick<CompressionTarget, 'sparsity' | 'structure' | 'dtype' | 'aware'>): number {
  const space = searchSpace(target);
  return (
    space.filter((g) => g.structure !== 'none').length +
    space.reduce((n, g) => n + g.points.filter((p) => p.aware).length, 0)
  );
}

/** Which part of the space one Slurm array task measures: task `index` (from 0) of `count`. */
export interface SearchShare {
  readonly index: number;
  readonly count: number;
}

/**
 * The groups of one array task: every `count`-th group, starting at `index`. A group is never split, because
 * its points share one pruned model in one folder (`search/<group id>/`): two tasks never write the same file.
 */
export function searchShare(space: readonly PruningGroup[], share: SearchShare): PruningGroup[] {
  return space.filter((_, position) => position % share.count === share.index);
}

/** Parses `I/N` (task I of N, I from 0); throws a message naming what is wrong. */
export function parseSearchShare(text: string): SearchShare {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index >= count)
    throw new Error(`--search-share takes I/N, array task I (from 0) of N tasks, with I < N; not '${text}'.`);
  return { index, count };
}
