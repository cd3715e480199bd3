/**
 * `unknown-layer`: a `distillation.features` pair naming a layer the teacher or student does not have.
 * Generated names follow the trainer (`dense_1`, ...), so a pair may use them. Suggests the closest name.
 * An ONNX teacher's hints may name any value of its graph, and its `teacher.output` must name one of its outputs
 * (found while summarising). Rationale: the hint loss cannot be built; TF.js would only fail when the run starts.
 * Also reports the model layers `student.from_teacher` cannot shrink (found while deriving the student).
 */
import type { Rule } from '../analysis/rule';
import type { Diagnostic } from '../diagnostics';
import { didYouMean } from '../text/did-you-mean';
import { modelLayers } from '../rule-helpers/layer-names';
import { error, fix, problemsWithCode } from '../rule-helpers/report';

export const unknownLayerRule: Rule = {
  codes: ['unknown-layer'],
  check(ctx) {
    const out: Diagnostic[] = [...problemsWithCode(ctx, 'unknown-layer')];
    const known = {
      teacher: modelLayers(ctx, 'teacher')?.map((l) => l.name),
      student: modelLayers(ctx, 'student')?.map((l) => l.name),
    };
    const lookup = { teacher: new Set(known.teacher ?? []), student: new Set(known.student ?? []) };
    ctx.config.distillation.features.forEach((pair, index) => {
      for (const who of ['teacher', 'student'] as const) {
        const names = known[who];
        const wanted = pair[who];
        if (!names || wanted === undefined || lookup[who].has(wanted)) continue;
        const suggestion = didYouMean(wanted, names);
        const path = ['distillation', 'features', index, who];
        const onnx = ctx[who]?.origin === 'onnx';
        const range = ctx.parsed.sourceMap.valueRange(path);
        out.push(
          error(
            ctx,
            'unknown-layer',
            path,
            `The ${who} has no ${onnx ? 'value' : 'layer'} \`${wanted}\`.${suggestion ? ` Did you mean '${suggestion}'?` : ''} Its ${onnx ? 'values' : 'layers'}: ${names.join(', ')}.`,
            suggestion ? [fix(`Change to '${suggestion}'`, [{ range, newText: suggestion }], true)] : [],
          ),
        );
      }
    });
    return out;
  },
};
