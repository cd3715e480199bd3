/**
 * Structured pruning (`structure: units`) keeps `round(width * (1 - sparsity))` units of each hidden layer
 * (core/model/unit-pruning): a sparsity that leaves 0 would remove every unit of a layer, which no network
 * survives. Reported as a `range` error on the sparsity, for `compression.pruning` and for every sparsity the
 * accuracy-aware search (`compression.target`) would try with `units`.
 */
import type { Rule } from '../analysis/rule';
import { configSection } from '../rule-helpers/config-section';
import type { ConfigPath } from '../config/source-map';
import { emptiedLayers } from '../model/unit-pruning';
import { DEFAULT_STRUCTURES, searchSparsities } from '../compression/search-space';
import { error, firstPresent } from '../rule-helpers/report';
import type { Diagnostic } from '../diagnostics';

export const pruningEmptiesLayerRule: Rule = {
  codes: ['range'],
  check(ctx) {
    const compression = configSection(ctx, 'compression');
    const student = ctx.student;
    if (!compression || !student) return [];
    const hinted = new Set((ctx.config.distillation?.features ?? []).map((f) => f.student));
    const layers = student.layers.map((l) => ({ type: l.type, name: l.name, width: l.outputShape.at(-1) ?? 0 }));
    const problem = (sparsity: number, path: ConfigPath, what: string): Diagnostic[] => {
      const emptied = emptiedLayers(layers, sparsity, hinted);
      if (emptied.length === 0) return [];
      const names = emptied.map((l) => `${l.name} (${l.width})`).join(', ');
      return [
        error(
          ctx,
          'range',
          path,
          `${what} ${sparsity} with \`structure: units\` would remove every unit of ${names}: each hidden layer keeps round(width x (1 - sparsity)) units. Lower the sparsity or widen the layer.`,
        ),
      ];
    };
    const found: Diagnostic[] = [];
    const pruning = compression.pruning;
    if (pruning?.structure === 'units')
      found.push(...problem(pruning.sparsity, ['compression', 'pruning', 'sparsity'], 'Sparsity'));
    const target = compression.target;
    if (target && (target.structure ?? DEFAULT_STRUCTURES).includes('units')) {
      const path = firstPresent(ctx, ['compression', 'target', 'sparsity'], ['compression', 'target']);
      for (const sparsity of searchSparsities(target))
        found.push(...problem(sparsity, path, "The search space's sparsity"));
    }
    return found;
  },
};
