/** Everything the report says about one model on the test split. */
import type * as tf from '@tensorflow/tfjs';
import type { Latency, Metrics } from '../../core/protocol/report';
import type { Dataset } from '../data/dataset';
import { predictAll } from '../train/predict';
import { logitStats } from '../train/validation';
import { agreement, calibration, meanKl } from './calibration';
import { accuracyOf, confusionMatrix, perClassMetrics } from './classification-metrics';
import { fgsmAccuracy } from './fgsm';
import { measureLatency } from './latency';
import { argmaxRows, softmaxRows } from './probabilities';

export interface Evaluation {
  readonly metrics: Metrics;
  readonly latency: Latency;
  /** Test logits, kept so the teacher's can serve as the reference for the others. */
  readonly logits: Float32Array;
}

export interface EvaluationInput {
  readonly model: tf.LayersModel;
  readonly test: Dataset;
  /** Teacher test logits; absent when evaluating the teacher itself. */
  readonly teacherLogits?: Float32Array;
  readonly fgsmEpsilon: number;
  readonly batchSize: number;
}

export function evaluateModel(input: EvaluationInput): Evaluation {
  const { model, test } = input;
  const classes = test.classNames.length;
  const logits = predictAll(model, test.x, test.inputShape)[0]!;
  const probabilities = softmaxRows(logits, classes);
  const predicted = argmaxRows(logits, classes);
  const confusion = confusionMatrix(test.y, predicted, classes);
  const { ece, bins } = calibration(probabilities, test.y, classes);
  const teacherLogits = input.teacherLogits ?? logits;
  const teacherProbabilities = softmaxRows(teacherLogits, classes);
  const metrics: Metrics = {
    accuracy: accuracyOf(test.y, predicted),
    loss: logitStats(logits, test.y, classes).loss,
    agreement: agreement(argmaxRows(teacherLogits, classes), predicted),
    kl_to_teacher: input.teacherLogits ? meanKl(teacherProbabilities, probabilities, classes) : 0,
    ece,
    reliability: bins,
    fgsm_accuracy: fgsmAccuracy(model, test, input.fgsmEpsilon),
    fgsm_epsilon: input.fgsmEpsilon,
    per_class: perClassMetrics(confusion, test.classNames),
    confusion,
  };
  const latency = measureLatency(model, test.inputShape, input.batchSize, test.x);
  return { metrics, latency, logits };
}
