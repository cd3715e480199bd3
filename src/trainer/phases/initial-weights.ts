/** `student.init`: random (as built) or copied from the teacher; the student and its baseline both go through here. */
import type * as tf from '@tensorflow/tfjs';
import { initFromTeacher } from '../model/init-from-teacher';
import { TrainerError } from '../run/errors';
import type { RunContext } from './run-context';

export function initialWeightsFrom(
  ctx: Pick<RunContext, 'config'>,
  model: tf.LayersModel,
  teacher: tf.LayersModel | undefined,
): void {
  const { student } = ctx.config;
  if (student.init !== 'teacher') return;
  if (!student.from_teacher)
    throw new TrainerError(
      'student.init: teacher needs a student derived with student.from_teacher.',
      'Use student.from_teacher, or set student.init: random.',
    );
  if (!teacher)
    throw new TrainerError(
      'student.init: teacher needs a TF.js teacher to copy weights from.',
      'Set student.init: random for this teacher.',
    );
  initFromTeacher(model, teacher);
}
