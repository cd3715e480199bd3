/**
 * `student.from_teacher.width`: the teacher's layers with every hidden width (dense units, conv filters)
 * multiplied by `width`, rounded, at least 1. The output layer (the last dense) keeps its units: one per
 * class. Layer names are the teacher's, so feature pairs can name the same layer on both sides.
 */
import type { ConfigPath } from '../config/source-map';
import type { LayerDef } from './layer-def';

export const scaledWidth = (width: number, factor: number): number => Math.max(1, Math.round(width * factor));

export function deriveStudentDefs(teacher: readonly LayerDef[], factor: number, path: ConfigPath): LayerDef[] {
  let outputIndex = -1;
  teacher.forEach((def, i) => {
    if (def.rule.kind === 'dense') outputIndex = i;
  });
  return teacher.map((def, i) => {
    const { manifestParams: _dropped, ...rest } = def;
    const base: LayerDef = { ...rest, path };
    if (i === outputIndex) return base;
    if (def.rule.kind === 'dense')
      return { ...base, rule: { ...def.rule, units: scaledWidth(def.rule.units, factor) } };
    if (def.rule.kind === 'conv2d')
      return { ...base, rule: { ...def.rule, filters: scaledWidth(def.rule.filters, factor) } };
    return base;
  });
}
