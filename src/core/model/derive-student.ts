/**
 * `student.from_teacher.width`: the teacher's layers with every hidden width (dense units, conv filters)
 * multiplied by `width`, rounded, at least 1. The output layer (the last dense) keeps its units, one per
 * class, and outputs logits. Layer names are the teacher's, so feature pairs can name the same layer on
 * both sides. The one derivation: `check` reports its refusal and the trainer builds its result.
 *
 * A derived student is one chain of config layers, so it refuses what a chain cannot copy: layers that
 * merge branches (Add, Concatenate), layers fed by something other than the layer before them, and layer
 * classes the config language has no word for. Each refusal names the layer.
 */
import type { LayerSpec } from '../config/types';
import type { LayerDef } from './layer-def';

export const scaledWidth = (width: number, factor: number): number => Math.max(1, Math.round(width * factor));

export type DerivedStudent =
  { readonly ok: true; readonly layers: readonly LayerSpec[] } | { readonly ok: false; readonly message: string };

const HINT = 'Define student.layers instead (from_teacher is used only when student.layers is absent).';

function refuse(def: LayerDef, index: number, why: string): DerivedStudent {
  const label = def.className ?? def.type;
  return {
    ok: false,
    message: `student.from_teacher cannot shrink the teacher's ${label} layer '${def.name ?? `#${index + 1}`}': ${why}. ${HINT}`,
  };
}

/** Why `def` does not continue a chain after `previous`, or undefined when it does. */
function chainBreak(def: LayerDef, previous: LayerDef | undefined): string | undefined {
  const inputs = def.inputs;
  if (!inputs) return undefined;
  if (inputs.length > 1)
    return `it merges ${inputs.length} branches (${inputs.join(', ')}), and a derived student is one chain of layers`;
  if (previous?.name !== undefined && inputs[0] !== previous.name)
    return `it takes its input from '${inputs[0]}', not from the layer before it ('${previous.name}'): the teacher has branches`;
  return undefined;
}

/** Folds a standalone activation into the layer before it when that layer has none of its own. */
function foldActivation(layers: LayerSpec[], def: LayerDef): boolean {
  const before = layers[layers.length - 1];
  if (!before || (before.type !== 'dense' && before.type !== 'conv2d') || before.activation !== 'linear') return false;
  layers[layers.length - 1] = { ...before, activation: def.activation! };
  return true;
}

function scale(layers: readonly LayerSpec[], factor: number): LayerSpec[] {
  const output = layers.map((l) => l.type).lastIndexOf('dense');
  return layers.map((spec, i) => {
    if (spec.type === 'dense')
      return i === output ? { ...spec, activation: 'linear' } : { ...spec, units: scaledWidth(spec.units, factor) };
    if (spec.type === 'conv2d') return { ...spec, filters: scaledWidth(spec.filters, factor) };
    return spec;
  });
}

/** `teacher` undefined: a graph model, which has operations, not layers. */
export function deriveStudentLayers(teacher: readonly LayerDef[] | undefined, factor: number): DerivedStudent {
  if (!teacher)
    return {
      ok: false,
      message: `student.from_teacher cannot shrink a TF.js graph model: it holds operations, not layers. ${HINT}`,
    };
  // A merge says more about why the teacher is not a chain than the branch it closes does: name it first.
  const merge = teacher.findIndex((def) => (def.inputs?.length ?? 0) > 1);
  if (merge >= 0) return refuse(teacher[merge]!, merge, chainBreak(teacher[merge]!, teacher[merge - 1])!);
  const lastDense = teacher.map((d) => d.spec?.type).lastIndexOf('dense');
  const layers: LayerSpec[] = [];
  for (const [index, def] of teacher.entries()) {
    const broken = chainBreak(def, teacher[index - 1]);
    if (broken) return refuse(def, index, broken);
    if (def.activation) {
      // A softmax (or any activation) after the output layer: the student outputs logits instead.
      if (lastDense >= 0 && index > lastDense) continue;
      if (!foldActivation(layers, def))
        return refuse(def, index, 'a standalone activation can only follow a dense or conv2d layer without one');
      continue;
    }
    if (!def.spec) return refuse(def, index, 'the config language has no such layer (or not with these settings)');
    layers.push(def.spec);
  }
  if (lastDense < 0)
    return { ok: false, message: `student.from_teacher: the teacher has no dense output layer to keep. ${HINT}` };
  return { ok: true, layers: scale(layers, factor) };
}
