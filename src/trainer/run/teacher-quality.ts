/**
 * Teacher-quality checks made before a student is trained on the teacher: a teacher near chance, badly
 * calibrated, or less accurate than the labels-only baseline teaches its mistakes. Thresholds:
 * - near chance: validation accuracy within 10% of the headroom above the majority-class rate
 *   (a teacher at 29.8% on a 3-class task is one);
 * - badly calibrated: expected calibration error above 0.15, about the ECE Guo et al. (2017) measured for
 *   uncalibrated deep networks before temperature scaling; its soft targets are then over- or under-confident.
 */
import { formatSeeds } from '../../core/format/gain';
import { formatFixed } from '../../core/format/numbers';
import { formatPercent as pct } from '../../core/format/percent';
import type { ModelResult } from '../../core/protocol/report';

export const NEAR_CHANCE_HEADROOM = 0.1;
export const MAX_TEACHER_ECE = 0.15;

export interface TeacherWarning {
  readonly code: 'weak-teacher' | 'teacher-calibration' | 'teacher-below-baseline';
  readonly message: string;
}

/** The share of the most frequent label: what always answering one class scores. */
export function majorityRate(labels: Int32Array): number {
  if (labels.length === 0) return 0;
  const counts = new Map<number, number>();
  for (const y of labels) counts.set(y, (counts.get(y) ?? 0) + 1);
  return Math.max(...counts.values()) / labels.length;
}

/** Warnings about the teacher alone, from its validation metrics (test metrics when there is no validation split). */
export function teacherQualityWarnings(teacher: ModelResult, validationLabels: Int32Array): TeacherWarning[] {
  const onValidation = teacher.validation !== undefined && validationLabels.length > 0;
  const accuracy = onValidation ? teacher.validation!.accuracy : teacher.metrics.accuracy;
  const ece = (onValidation ? teacher.validation!.ece : undefined) ?? teacher.metrics.ece;
  const split = onValidation ? 'validation' : 'test';
  const chance = onValidation ? majorityRate(validationLabels) : 1 / Math.max(1, teacher.metrics.per_class.length);
  const warnings: TeacherWarning[] = [];
  const floor = chance + NEAR_CHANCE_HEADROOM * (1 - chance);
  if (accuracy < floor)
    warnings.push({
      code: 'weak-teacher',
      message: `The teacher is near chance: ${pct(accuracy)} ${split} accuracy, where always answering the most frequent class scores ${pct(chance)}. A student distilled from it learns its mistakes; check the teacher's input layout and normalisation (teacher.input), its output (teacher.output), or that it was trained on this data.`,
    });
  if (Number.isFinite(ece) && ece > MAX_TEACHER_ECE)
    warnings.push({
      code: 'teacher-calibration',
      message: `The teacher is badly calibrated: expected calibration error ${formatFixed(ece, 3)} on the ${split} split (above ${MAX_TEACHER_ECE}). Its soft targets are over- or under-confident; the temperature changes how much of that the student inherits.`,
    });
  return warnings;
}

/** After the baselines: a teacher less accurate than the student trained on labels alone. */
export function teacherBelowBaseline(teacher: ModelResult, baselineAccuracies: readonly number[]): TeacherWarning[] {
  if (baselineAccuracies.length === 0) return [];
  const mean = baselineAccuracies.reduce((a, b) => a + b, 0) / baselineAccuracies.length;
  if (teacher.metrics.accuracy >= mean) return [];
  return [
    {
      code: 'teacher-below-baseline',
      message: `The teacher (${pct(teacher.metrics.accuracy)} test accuracy) is less accurate than the labels-only baseline (${pct(mean)} over ${formatSeeds(baselineAccuracies.length)}): distilling from it pulls the student towards a worse model.`,
    },
  ];
}
