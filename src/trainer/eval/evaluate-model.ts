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
import { latencySample, measureLatency } from './latency';
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

/** The validation split's measures from its logits; agreement and KL only against the teacher's validation logits (or itself, for the teacher). */
function validationMeasures(
  logits: Float32Array,
  validation: Dataset,
  teacher: TeacherOutputs | undefined,
): ValidationMetrics {
  const m = measureSplit(logits, validation.y, validation.classNames.length, teacher?.validation);
  const comparable = !teacher || teacher.validation !== undefined;
  return {
    accuracy: m.accuracy,
    loss: m.loss,
    ...(comparable ? { agreement: m.agreement, kl_to_teacher: m.kl_to_teacher } : {}),
    ece: m.ece,
  };
}

export interface LogitsEvaluationInput {
  readonly logits: Float32Array;
  readonly test: Dataset;
  /** Logits on the validation split (absent when it is empty). */
  readonly validationLogits?: Float32Array;
  readonly validation?: Dataset;
  readonly teacher?: TeacherOutputs;
  /** Accuracy under FGSM; absent for models without gradients here (ONNX teachers). */
  readonly fgsmAccuracy?: number;
  readonly fgsmEpsilon: number;
  readonly latency: Latency;
}

/** Every measure that needs only a model's outputs: shared by TF.js models and teachers run elsewhere (ONNX). */
export function evaluateLogits(input: LogitsEvaluationInput): Evaluation {
  const { logits, test } = input;
  const classes = test.classNames.length;
  const measured = measureSplit(logits, test.y, classes, input.teacher?.test);
  const confusion = confusionMatrix(test.y, measured.predicted, classes);
  const metrics: Metrics = {
    accuracy: measured.accuracy,
    loss: measured.loss,
    agreement: measured.agreement,
    kl_to_teacher: measured.kl_to_teacher,
    ece: measured.ece,
    reliability: measured.reliability,
    ...(input.fgsmAccuracy === undefined ? {} : { fgsm_accuracy: input.fgsmAccuracy }),
    fgsm_epsilon: input.fgsmEpsilon,
    per_class: perClassMetrics(confusion, test.classNames),
    confusion,
  };
  const measuredValidation =
    input.validation && input.validation.y.length > 0 && input.validationLogits
      ? validationMeasures(input.validationLogits, input.validation, input.teacher)
      : undefined;
  return {
    metrics,
    latency: input.latency,
    logits,
    ...(measuredValidation ? { validation: measuredValidation, validationLogits: input.validationLogits! } : {}),
  };
}

export function evaluateModel(input: EvaluationInput): Evaluation {
  const { model, test, validation } = input;
  const name = input.name ?? 'model';
  const logits = predictAll(model, test.x, test.inputShape)[0]!;
  assertFiniteOutputs(logits, name, 'test');
  const validationLogits =
    validation && validation.y.length > 0 ? predictAll(model, validation.x, validation.inputShape)[0]! : undefined;
  if (validationLogits) assertFiniteOutputs(validationLogits, name, 'validation');
  return evaluateLogits({
    logits,
    test,
    ...(validation ? { validation } : {}),
    ...(validationLogits ? { validationLogits } : {}),
    ...(input.teacher ? { teacher: input.teacher } : {}),
    fgsmAccuracy: fgsmAccuracy(model, test, input.fgsmEpsilon),
    fgsmEpsilon: input.fgsmEpsilon,
    latency: measureLatency(model, test.inputShape, input.batchSize, latencySample(test.x, input.batchSize)),
  });
}
