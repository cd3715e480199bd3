/** Everything the report says about one model on the test split, and the same measures on the validation split. */
import type * as tf from '@tensorflow/tfjs';
import type { Latency, Metrics, ReliabilityBin, ValidationMetrics } from '../../core/protocol/report';
import type { Dataset } from '../data/dataset';
import { predictAll } from '../train/predict';
import { logitStats } from '../train/validation';
import { agreement, calibration, meanKl } from './calibration';
import { accuracyOf, confusionMatrix, perClassMetrics } from './classification-metrics';
import { fgsmAccuracy } from './fgsm';
import { assertFiniteOutputs } from './finite-outputs';
import { measureLatency } from './latency';
import { argmaxRows, softmaxRows } from './probabilities';

/** The teacher's logits on each split: the reference for agreement and KL. */
export interface TeacherOutputs {
  readonly test: Float32Array;
  /** Absent when the validation split is empty. */
  readonly validation?: Float32Array;
}

export interface Evaluation {
  readonly metrics: Metrics;
  readonly latency: Latency;
  /** Test logits, kept so the teacher's can serve as the reference for the others. */
  readonly logits: Float32Array;
  /** The same measures on the validation split (absent when it is empty). */
  readonly validation?: ValidationMetrics;
  readonly validationLogits?: Float32Array;
}

/** A teacher's evaluation as the reference for the other models. */
export function teacherOutputsOf(evaluation: Evaluation): TeacherOutputs {
  return {
    test: evaluation.logits,
    ...(evaluation.validationLogits ? { validation: evaluation.validationLogits } : {}),
  };
}

export interface EvaluationInput {
  readonly model: tf.LayersModel;
  readonly test: Dataset;
  /** The validation split; an empty one (or none) is not measured. */
  readonly validation?: Dataset;
  /** Teacher logits; absent when evaluating the teacher itself. */
  readonly teacher?: TeacherOutputs;
  readonly fgsmEpsilon: number;
  readonly batchSize: number;
  /** How messages name the model ('teacher', 'student', ...). */
  readonly name?: string;
}

interface SplitMeasures {
  readonly accuracy: number;
  readonly loss: number;
  readonly agreement: number;
  readonly kl_to_teacher: number;
  readonly ece: number;
  readonly reliability: ReliabilityBin[];
  readonly predicted: Int32Array;
}

/** Accuracy, loss, agreement and KL with the teacher, and calibration of `logits` on one split (shared by test and validation). */
function measureSplit(
  logits: Float32Array,
  labels: Int32Array,
  classes: number,
  teacherLogits?: Float32Array,
): SplitMeasures {
  const probabilities = softmaxRows(logits, classes);
  const predicted = argmaxRows(logits, classes);
  const { ece, bins } = calibration(probabilities, labels, classes);
  const reference = teacherLogits ?? logits;
  return {
    accuracy: accuracyOf(labels, predicted),
    loss: logitStats(logits, labels, classes).loss,
    agreement: agreement(argmaxRows(reference, classes), predicted),
    kl_to_teacher: teacherLogits ? meanKl(softmaxRows(reference, classes), probabilities, classes) : 0,
    ece,
    reliability: bins,
    predicted,
  };
}

/** The validation split, measured like the test split; agreement and KL only against the teacher's validation logits (or itself, for the teacher). */
function evaluateValidation(
  model: tf.LayersModel,
  validation: Dataset | undefined,
  teacher: TeacherOutputs | undefined,
  name: string,
): { metrics: ValidationMetrics; logits: Float32Array } | undefined {
  if (!validation || validation.y.length === 0) return undefined;
  const logits = predictAll(model, validation.x, validation.inputShape)[0]!;
  assertFiniteOutputs(logits, name, 'validation');
  const m = measureSplit(logits, validation.y, validation.classNames.length, teacher?.validation);
  const comparable = !teacher || teacher.validation !== undefined;
  return {
    metrics: {
      accuracy: m.accuracy,
      loss: m.loss,
      ...(comparable ? { agreement: m.agreement, kl_to_teacher: m.kl_to_teacher } : {}),
      ece: m.ece,
    },
    logits,
  };
}

export function evaluateModel(input: EvaluationInput): Evaluation {
  const { model, test } = input;
  const classes = test.classNames.length;
  const logits = predictAll(model, test.x, test.inputShape)[0]!;
  const name = input.name ?? 'model';
  assertFiniteOutputs(logits, name, 'test');
  const measured = measureSplit(logits, test.y, classes, input.teacher?.test);
  const confusion = confusionMatrix(test.y, measured.predicted, classes);
  const metrics: Metrics = {
    accuracy: measured.accuracy,
    loss: measured.loss,
    agreement: measured.agreement,
    kl_to_teacher: measured.kl_to_teacher,
    ece: measured.ece,
    reliability: measured.reliability,
    fgsm_accuracy: fgsmAccuracy(model, test, input.fgsmEpsilon),
    fgsm_epsilon: input.fgsmEpsilon,
    per_class: perClassMetrics(confusion, test.classNames),
    confusion,
  };
  const validation = evaluateValidation(model, input.validation, input.teacher, name);
  const latency = measureLatency(model, test.inputShape, input.batchSize, test.x);
  return {
    metrics,
    latency,
    logits,
    ...(validation ? { validation: validation.metrics, validationLogits: validation.logits } : {}),
  };
}
