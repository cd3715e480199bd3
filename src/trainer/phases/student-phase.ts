/**
 * Students and baselines over `evaluation.seeds`: seed k builds the student with seed baseSeed + k,
 * distils it (soft + hard + hint terms; unlabeled examples get only soft targets), and, with
 * `evaluation.baseline`, trains the identical student (same initial weights, epochs, batch size and
 * schedule) on the labeled examples alone. The first seed's models are the ones reported and compressed.
 */
import type * as tf from '@tensorflow/tfjs';
import type { LayerSpec } from '../../core/config/types';
import { subset } from '../data/dataset';
import { buildModel, deriveStudentLayers } from '../model/build-model';
import { type Evaluated, evaluateAndSave } from './evaluate-phase';
import { buildHints, teacherFeatures } from './hints';
import { type RunContext, trainWithEvents } from './run-context';
import type { TeacherOutcome } from './teacher-phase';

export interface StudentOutcome {
  /** The first seed's distilled student (kept for compression). */
  readonly student: tf.LayersModel;
  readonly studentLayers: readonly LayerSpec[];
  readonly studentEvaluated: Evaluated;
  readonly studentAccuracies: number[];
  readonly baselineEvaluated?: Evaluated;
  readonly baselineAccuracies: number[];
}

export function studentLayersFor(ctx: RunContext, teacher: TeacherOutcome): LayerSpec[] {
  const { student } = ctx.config;
  if (student.layers?.length) return [...student.layers];
  return deriveStudentLayers(teacher.layers, student.from_teacher?.width ?? 0.25);
}

export async function runStudentPhase(ctx: RunContext, teacher: TeacherOutcome, trainTeacherLogits: Float32Array): Promise<StudentOutcome> {
  const { config, data } = ctx;
  const classes = data.classNames.length;
  const layers = studentLayersFor(ctx, teacher);
  const features = teacherFeatures(teacher.model, config.distillation.features, data.train.x, data.inputShape);
  const kd = { temperature: config.distillation.temperature, softWeight: config.distillation.soft_weight, hardWeight: config.distillation.hard_weight };
  const labeledIndices = Array.from(data.labeledMask.keys()).filter((i) => data.labeledMask[i] === 1);
  const labeledOnly = subset(data.train, labeledIndices);
  const teacherTest = teacher.evaluated.evaluation.logits;
  const studentAccuracies: number[] = [];
  const baselineAccuracies: number[] = [];
  let first: { model: tf.LayersModel; evaluated: Evaluated } | undefined;
  let baselineEvaluated: Evaluated | undefined;
  for (let k = 0; k < config.evaluation.seeds; k++) {
    const seed = ctx.baseSeed + k;
    ctx.sink.emit({ type: 'phase', phase: 'student', seed, message: `Distilling the student (seed ${seed}, ${k + 1} of ${config.evaluation.seeds}).` });
    const student = buildModel(layers, data.inputShape, classes, seed, 'student');
    const hint = buildHints(student, teacher.model, config.distillation.features, features, seed);
    await trainWithEvents(ctx, {
      role: 'student', seed, model: student, kd, ...(hint ? { hint } : {}),
      data: { x: data.train.x, y: data.train.y, inputShape: data.inputShape, classes, labeledMask: data.labeledMask, teacherLogits: trainTeacherLogits },
      validation: data.validation, settings: config.training,
    });
    const evaluated = await evaluateAndSave(ctx, { role: 'student', seed, model: student, teacherLogits: teacherTest, label: 'student (distilled)', ...(k === 0 ? { saveDir: 'student' } : {}) });
    studentAccuracies.push(evaluated.result.metrics.accuracy);
    if (k === 0) first = { model: student, evaluated };
    else student.dispose();
    if (!config.evaluation.baseline) continue;
    ctx.sink.emit({ type: 'phase', phase: 'baseline', seed, message: `Training the baseline on labels alone (seed ${seed}).` });
    const baseline = buildModel(layers, data.inputShape, classes, seed, 'baseline');
    await trainWithEvents(ctx, {
      role: 'baseline', seed, model: baseline,
      data: { x: labeledOnly.x, y: labeledOnly.y, inputShape: data.inputShape, classes },
      validation: data.validation, settings: config.training,
    });
    const baselineResult = await evaluateAndSave(ctx, { role: 'baseline', seed, model: baseline, teacherLogits: teacherTest, label: 'baseline (labels only)', ...(k === 0 ? { saveDir: 'baseline' } : {}) });
    baselineAccuracies.push(baselineResult.result.metrics.accuracy);
    if (k === 0) baselineEvaluated = baselineResult;
    baseline.dispose();
  }
  return {
    student: first!.model, studentLayers: layers, studentEvaluated: first!.evaluated, studentAccuracies,
    ...(baselineEvaluated ? { baselineEvaluated } : {}), baselineAccuracies,
  };
}
