/**
 * `student.init: teacher` needs a student derived with `from_teacher`: copying the teacher's weights pairs
 * each student layer with the teacher layer it was shrunk from, which explicit `student.layers` do not name.
 * Reported as `range` (the value is outside what this config allows), with a fix back to random.
 */
import type { Rule } from '../analysis/rule';
import { setValueEdit } from '../rule-helpers/edits';
import { error, fix } from '../rule-helpers/report';

const PATH = ['student', 'init'];

export const initFromTeacherRule: Rule = {
  codes: ['range'],
  check(ctx) {
    if (ctx.config.student?.init !== 'teacher' || ctx.config.student.from_teacher) return [];
    return [
      error(
        ctx,
        'range',
        PATH,
        '`student.init: teacher` copies the teacher weights into a student derived with `student.from_teacher`; with explicit `student.layers` there is no teacher layer to copy each layer from.',
        [fix('Start from random weights', [setValueEdit(ctx.parsed, PATH, 'random')], true)],
      ),
    ];
  },
};
