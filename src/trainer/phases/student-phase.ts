/**
 * Distilled students over `evaluation.seeds`: seed k builds the student with seed baseSeed + k and distils it
 * (soft + hard + hint terms; unlabeled examples get only soft targets). The first seed's student is the one
 * reported and compressed. (The labels-only baselines are in baseline-phase.ts.)
 */
import type { Examples } from '../data/dataset';
import { teacherOutputFile } from './onnx-teacher-phase';
import type * as tf from '@tensorflow/tfjs';
import type { LayerSpec } from '../../core/config/types';
import type { TrainingBudget } from '../../core/protocol/report';
import { MODEL_DIRS } from '../../core/runs/layout';
import type { BatchTeacher } from '../train/batch-teacher';
import { startThreadBatchTeacher, type ThreadBatchTeacher } from '../train/thread-batch-teacher';
import type { BatchAugmenter } from '../augment/batch-augmenter';
import { augmenterFor } from './augmentation';
import { teacherOutputsOf } from '../eval/evaluate-model';
import { deriveStudentLayers } from '../../core/model/derive-student';
import { buildModel } from '../model/build-model';
import { initialWeightsFrom } from './initial-weights';
import { TrainerError } from '../run/errors';
import { type Evaluated, evaluateAndSave } from './evaluate-phase';
import { buildHints, teacherExtractor, teacherFeatures, teacherWidths } from './hints';
import { type RunContext, trainWithEvents } from './run-context';
import { kdSettingsOf, openBatchTeacher } from './distillation-job';
import type { TeacherOutcome } from './teacher-phase';
import { trainingBudget } from './training-budget';

export interface StudentOutcome {
  /** The first seed's distilled student (kept for compression). */
  readonly student: tf.LayersModel;
  readonly studentLayers: readonly LayerSpec[];
  readonly studentEvaluated: Evaluated;
  readonly studentAccuracies: number[];
  /** The first seed's training budget. */
  readonly budget: TrainingBudget;
}

export function studentLayersFor(ctx: RunContext, teacher: TeacherOutcome): LayerSpec[] {
  const { student } = ctx.config;
  if (student.layers?.length) return [...student.layers];
  if (!teacher.defs)
    throw new TrainerError(
      `student.from_teacher cannot shrink the teacher ${ctx.config.teacher.model ?? ''}: an ONNX graph has no layer definitions to copy.`,
      'Define student.layers instead.',
    );
  // The same derivation `check` runs, so a teacher it refuses here was already reported there.
  const derived = deriveStudentLayers(teacher.defs, student.from_teacher?.width ?? 0.25);
  if (!derived.ok) throw new TrainerError(derived.message);
  return [...derived.layers];
}

export async function runStudentPhase(
  ctx: RunContext,
  teacher: TeacherOutcome,
  layers: readonly LayerSpec[],
  trainTeacherLogits: Examples,
  /** The model `student.init: teacher` copies from: the teacher, also when an assistant teaches. */
  initSource: tf.LayersModel | undefined = teacher.layers,
): Promise<StudentOutcome> {
  const { config, data } = ctx;
  const augmenter = augmenterFor(ctx);
  const { precomputed } = teacher;
  const pairs = config.distillation.features;
  const extractor = teacher.extract ? teacherExtractor(teacher.extract, pairs) : undefined;
  // A teacher run elsewhere (ONNX) computed its hint values once, with its logits.
  const hinted = pairs.map((p) => precomputed?.features.get(p.teacher));
  const widths = precomputed ? hinted.map((f) => f!.width) : teacherWidths(extractor);
  // Under augmentation the teacher labels each augmented batch (function matching); otherwise once, up front.
  // A TF.js teacher gets its own thread where it can; an ONNX teacher's onnxruntime session runs off this thread.
  const threaded = augmenter && teacher.model ? await teacherThread(ctx, teacher.model, teacher, extractor) : undefined;
  const opened =
    augmenter && !threaded
      ? await openBatchTeacher(
          teacher,
          extractor,
          pairs.map((p) => p.teacher),
        )
      : undefined;
  const batchTeacher: BatchTeacher | undefined = threaded ?? opened;
  try {
    const features = batchTeacher
      ? []
      : precomputed
        ? hinted.map((f) => f!)
        : teacherFeatures(extractor, data.train.x, data.inputShape, (i) =>
            ctx.files.resolve(teacherOutputFile(`teacher-train-hint-${i + 1}`)),
          );
    return await distilSeeds(ctx, teacher, layers, trainTeacherLogits, initSource, {
      augmenter,
      batchTeacher,
      features,
      widths,
    });
  } finally {
    await threaded?.dispose();
    await opened?.release();
  }
}

/** The teacher in its own thread, or undefined (with a warning when a single-threaded backend could have used one). */
async function teacherThread(
  ctx: RunContext,
  model: tf.LayersModel,
  teacher: TeacherOutcome,
  extractor: tf.LayersModel | undefined,
): Promise<ThreadBatchTeacher | undefined> {
  const started = await startThreadBatchTeacher(model, teacher.outputsProbabilities, extractor);
  if (typeof started !== 'string') return started;
  if (!started.includes('backend'))
    ctx.sink.emit({
      type: 'warning',
      message: `The teacher labels the augmented batches on the training thread, one core: ${started}.`,
    });
  return undefined;
}

interface SeedInputs {
  readonly augmenter: BatchAugmenter | undefined;
  readonly batchTeacher: BatchTeacher | undefined;
  readonly features: readonly Examples[];
  readonly widths: readonly number[];
}

async function distilSeeds(
  ctx: RunContext,
  teacher: TeacherOutcome,
  layers: readonly LayerSpec[],
  trainTeacherLogits: Examples,
  initSource: tf.LayersModel | undefined,
  { augmenter, batchTeacher, features, widths }: SeedInputs,
): Promise<StudentOutcome> {
  const { config, data } = ctx;
  const classes = data.classNames.length;
  const kd = kdSettingsOf(ctx);
  const teacherReference = teacherOutputsOf(teacher.evaluated.evaluation);
  const studentAccuracies: number[] = [];
  let first: { model: tf.LayersModel; evaluated: Evaluated; budget: TrainingBudget } | undefined;
  for (let k = 0; k < config.evaluation.seeds; k++) {
    const seed = ctx.baseSeed + k;
    ctx.sink.emit({
      type: 'phase',
      phase: 'student',
      seed,
      message: `Distilling the student (seed ${seed}, ${k + 1} of ${config.evaluation.seeds}).`,
    });
    const student = buildModel(layers, data.inputShape, classes, seed, 'student');
    initialWeightsFrom(ctx, student, initSource);
    const hint = buildHints(student, widths, config.distillation.features, features, seed);
    const outcome = await trainWithEvents(ctx, {
      role: 'student',
      seed,
      model: student,
      kd,
      ...(hint ? { hint } : {}),
      data: {
        x: data.train.x,
        y: data.train.y,
        inputShape: data.inputShape,
        classes,
        labeledMask: data.labeledMask,
        ...(batchTeacher ? { batchTeacher } : { teacherLogits: trainTeacherLogits }),
      },
      validation: data.validation,
      settings: config.training,
      ...(augmenter ? { augmenter } : {}),
    });
    const evaluated = await evaluateAndSave(ctx, {
      role: 'student',
      seed,
      model: student,
      teacherLogits: teacherReference,
      label: 'student (distilled)',
      ...(k === 0 ? { saveDir: MODEL_DIRS.student } : {}),
    });
    studentAccuracies.push(evaluated.result.metrics.accuracy);
    if (k === 0) {
      const budget = trainingBudget(
        outcome,
        config.training.batch_size,
        data.train.y.length,
        augmenter,
        !!batchTeacher,
        config.student.init,
      );
      first = { model: student, evaluated, budget };
    } else student.dispose();
  }
  return {
    student: first!.model,
    studentLayers: layers,
    studentEvaluated: first!.evaluated,
    studentAccuracies,
    budget: first!.budget,
  };
}
