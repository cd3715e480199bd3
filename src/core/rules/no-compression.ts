/**
 * `risk/no-compression`: the student has at least as many parameters as the teacher, so the run
 * compresses nothing. Threshold: definition (student params >= teacher params).
 */
import { formatInteger } from '../format/numbers';
import type { Rule } from '../analysis/rule';
import { firstPresent, risk } from '../rule-helpers/report';

export const noCompressionRule: Rule = {
  codes: ['risk/no-compression'],
  check(ctx) {
    const { teacher, student } = ctx;
    if (!teacher || !student || student.params < teacher.params) return [];
    return [
      risk(
        ctx,
        'risk/no-compression',
        firstPresent(ctx, ['student', 'from_teacher', 'width'], ['student', 'layers'], ['student']),
        `The student has ${formatInteger(student.params)} parameters, the teacher ${formatInteger(teacher.params)}: the student is not smaller, so distillation compresses nothing.`,
        {
          source: 'Definition: distillation compresses only when the student has fewer parameters than the teacher',
          atKey: true,
        },
      ),
    ];
  },
};
