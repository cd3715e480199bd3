/**
 * `risk/capacity-gap`: the teacher has more than 50x the student's parameters.
 * Source: Mirzadeh et al., "Improved Knowledge Distillation via Teacher Assistant" (AAAI 2020) show that
 * student accuracy stops improving, then drops, as the teacher grows far beyond the student, and bridge
 * the gap with an intermediate "teacher assistant"; Cho & Hariharan (ICCV 2019) report the same effect.
 * Neither gives a universal ratio; 50x is our choice: above the gaps in the bundled examples that distil
 * well (5-25x), within the "tens of times" range where those papers see the effect.
 */
import { formatInteger } from '../format/numbers';
import { formatRatio } from '../format/ratio';
import type { Rule } from '../analysis/rule';
import { firstPresent, risk } from '../rule-helpers/report';

export const CAPACITY_GAP_RATIO = 50;

export const capacityGapRule: Rule = {
  codes: ['risk/capacity-gap'],
  check(ctx) {
    const { teacher, student } = ctx;
    if (!teacher || !student || student.params <= 0) return [];
    const ratio = teacher.params / student.params;
    if (ratio <= CAPACITY_GAP_RATIO) return [];
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
        },
      ),
    ];
  },
};
