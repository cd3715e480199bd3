/**
 * `risk/capacity-gap`: the teacher has more than 50x the student's parameters.
 * Source: Mirzadeh et al., "Improved Knowledge Distillation via Teacher Assistant" (AAAI 2020) show that
 * student accuracy stops improving, then drops, as the teacher grows far beyond the student, and bridge
 * the gap with an intermediate "teacher assistant"; Cho & Hariharan (ICCV 2019) report the same effect.
 * Neither gives a universal ratio; 50x is our choice: above the gaps in the bundled examples that distil
 * well (5-25x), within the "tens of times" range where those papers see the effect.
 * The quick fix inserts `teacher.assistant` with the width that puts its parameter count near the geometric mean
 * of teacher and student (hidden-to-hidden weights scale with width squared, input weights with width: R^(-1/4)).
 * A config that already has an assistant took the remedy and is not warned again.
 */
import { formatInteger } from '../format/numbers';
import { formatRatio } from '../format/ratio';
import type { Rule } from '../analysis/rule';
import { setValueEdit } from '../rule-helpers/edits';
import { firstPresent, fix, risk } from '../rule-helpers/report';

export const CAPACITY_GAP_RATIO = 50;

export const capacityGapRule: Rule = {
  codes: ['risk/capacity-gap'],
  check(ctx) {
    const { teacher, student } = ctx;
    if (!teacher || !student || student.params <= 0) return [];
    const ratio = teacher.params / student.params;
    if (ratio <= CAPACITY_GAP_RATIO || ctx.config.teacher.assistant) return [];
    const width = assistantWidth(ratio);
    return [
      risk(
        ctx,
        'risk/capacity-gap',
        firstPresent(ctx, ['student', 'from_teacher', 'width'], ['student', 'layers'], ['student']),
        `The teacher has ${formatRatio(ratio)} the student's parameters (${formatInteger(teacher.params)} vs ${formatInteger(student.params)}). ` +
          `Beyond ~${CAPACITY_GAP_RATIO}× the student often cannot follow the teacher and distillation helps less: consider a larger student or distilling through an intermediate "teacher assistant" model.`,
        {
          source:
            'Mirzadeh et al. 2020, "Improved Knowledge Distillation via Teacher Assistant" (AAAI); threshold 50x chosen by Distillery',
          atKey: true,
          fixes: [
            fix(`Distil through a teacher assistant (width ${width})`, [
              setValueEdit(ctx.parsed, ['teacher', 'assistant'], `{ from_teacher: { width: ${width} } }`),
            ]),
          ],
        },
      ),
    ];
  },
};

/** The assistant's width factor for a teacher/student parameter ratio: R^(-1/4), two decimals, within [0.05, 0.9]. */
export function assistantWidth(ratio: number): number {
  return Math.min(0.9, Math.max(0.05, Math.round(ratio ** -0.25 * 100) / 100));
}
