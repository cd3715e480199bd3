/**
 * Outputs that are not finite numbers (NaN, or infinity from weights near float32's limit) make every metric
 * meaningless; say so with the model's name and a hint instead of failing deep inside a metric.
 */
import { TrainerError } from '../run/errors';

export function assertFiniteOutputs(logits: Float32Array, model: string, split: string): void {
  let bad = 0;
  let huge = 0;
  for (const value of logits) {
    if (!Number.isFinite(value)) bad++;
    else if (Math.abs(value) > 1e30) huge++;
  }
  if (bad === 0) return;
  throw new TrainerError(
    `The ${model}'s outputs on the ${split} split include ${bad} value(s) that are not finite numbers (NaN or infinity)` +
      `${huge ? ` and ${huge} above 1e30` : ''}: its weights are broken or far too large.`,
    model.startsWith('teacher')
      ? "Check the teacher's weights file (a model trained elsewhere may have diverged), or let Distillery train the teacher (teacher.layers)."
      : 'Lower training.learning_rate, or add early_stopping so the last good weights are kept.',
    'non-finite-outputs',
  );
}
