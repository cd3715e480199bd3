/**
 * `shape-mismatch`: shapes that cannot work together.
 * - A `features` pair whose layers differ in shape with `projection: none` (FitNets' MSE needs equal
 *   shapes), or differ in more than the channel/width axis even with a `linear` projection.
 * - A model whose last layer does not output one logit per class of the data.
 * - Layers whose input cannot fit (conv2d on a vector, a window larger than its image) and a teacher
 *   model.json whose input shape does not match the data (found while summarising).
 * Rationale: each of these fails inside TF.js at the start of training; here it is found while typing.
 */
import type { Rule, RuleContext } from '../analysis/rule';
import type { ConfigPath } from '../config/source-map';
import type { Diagnostic } from '../diagnostics';
import { formatShape } from '../format/numbers';
import type { ModelSummary } from '../model/summary-types';
import { setValueEdit } from '../rule-helpers/edits';
import { error, fix, firstPresent, problemsWithCode } from '../rule-helpers/report';

const sameShape = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((d, i) => d === b[i]);

function featureMismatches(ctx: RuleContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { teacher, student } = ctx;
  if (!teacher || !student) return out;
  const teacherLayers = new Map((teacher.values ?? teacher.layers).map((l) => [l.name, l]));
  const studentLayers = new Map(student.layers.map((l) => [l.name, l]));
  ctx.config.distillation.features.forEach((pair, index) => {
    const t = teacherLayers.get(pair.teacher);
    const s = studentLayers.get(pair.student);
    // A graph value whose shape the file does not tell cannot be checked here (the trainer checks it).
    if (!t || !s || t.outputShape.length === 0 || sameShape(t.outputShape, s.outputShape)) return;
    const pairPath: ConfigPath = ['distillation', 'features', index];
    const linearFits = sameShape(t.outputShape.slice(0, -1), s.outputShape.slice(0, -1));
    if (pair.projection === 'linear' && linearFits) return;
    const shapes = `teacher layer \`${t.name}\` outputs ${formatShape(t.outputShape)}, student layer \`${s.name}\` outputs ${formatShape(s.outputShape)}`;
    if (pair.projection === 'linear') {
      out.push(
        error(
          ctx,
          'shape-mismatch',
          firstPresent(ctx, [...pairPath, 'projection'], pairPath),
          `Hint pair ${index + 1}: ${shapes}; a linear projection maps only the last axis, so the other axes must match.`,
        ),
      );
      return;
    }
    const projection = setValueEdit(ctx.parsed, [...pairPath, 'projection'], 'linear');
    out.push(
      error(
        ctx,
        'shape-mismatch',
        firstPresent(ctx, [...pairPath, 'projection'], pairPath),
        `Hint pair ${index + 1}: ${shapes}; without a projection the mean-squared error needs equal shapes.${linearFits ? ' Add `projection: linear` to learn a map between the widths.' : ''}`,
        linearFits ? [fix('Add projection: linear', [projection], true)] : [],
      ),
    );
  });
  return out;
}

function outputMismatch(ctx: RuleContext, who: 'teacher' | 'student', summary: ModelSummary | undefined): Diagnostic[] {
  const classes = ctx.dataset?.classNames.length;
  if (!summary || classes === undefined || summary.outputUnits === classes) return [];
  // A graph model's output node is checked where it is read (teacher-file.ts): its last parameterised node need not be the output.
  if (summary.origin === 'graph-model') return [];
  if (summary.origin === 'onnx') {
    return [
      error(
        ctx,
        'shape-mismatch',
        firstPresent(ctx, ['teacher', 'output'], ['teacher', 'model']),
        `The teacher's logits output gives ${summary.outputUnits} score${summary.outputUnits === 1 ? '' : 's'} per example, but ${ctx.dataset?.name} has ${classes} classes (teacher.output names the output that holds one logit per class; default: the first).`,
      ),
    ];
  }
  const last = summary.layers[summary.layers.length - 1];
  if (!last) return [];
  const unitsPath =
    last.path && last.type === 'dense' && summary.origin === 'config' ? [...last.path, 'units'] : undefined;
  const path = unitsPath ?? last.path ?? [who];
  const units = unitsPath ? setValueEdit(ctx.parsed, unitsPath, String(classes)) : undefined;
  return [
    error(
      ctx,
      'shape-mismatch',
      path,
      `The ${who}'s last layer \`${last.name}\` outputs ${summary.outputUnits} value${summary.outputUnits === 1 ? '' : 's'}, but ${ctx.dataset?.name} has ${classes} classes: the last layer needs one unit (logit) per class.`,
      unitsPath ? [fix(`Set units to ${classes}`, [units], true)] : [],
    ),
  ];
}

export const shapeMismatchRule: Rule = {
  codes: ['shape-mismatch'],
  check: (ctx) => [
    ...problemsWithCode(ctx, 'shape-mismatch'),
    ...outputMismatch(ctx, 'teacher', ctx.teacher),
    ...(ctx.student?.origin === 'derived' ? [] : outputMismatch(ctx, 'student', ctx.student)),
    ...featureMismatches(ctx),
  ],
};
