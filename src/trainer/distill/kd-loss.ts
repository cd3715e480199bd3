/**
 * Hinton et al. (2015) knowledge distillation loss, per batch:
 *   soft = T^2 * mean_i KL( softmax(t_i / T) || softmax(s_i / T) )        (all examples)
 *   hard = sum_i m_i * CE(y_i, softmax(s_i)) / max(1, sum_i m_i)         (labeled examples only: m_i = 1)
 *   loss = soft_weight * soft + hard_weight * hard
 * The T^2 factor keeps the soft term's gradient scale independent of T. Unlabeled examples (m_i = 0)
 * contribute only through the soft term.
 */
import * as tf from '@tensorflow/tfjs';

export interface KdSettings {
  readonly temperature: number;
  readonly softWeight: number;
  readonly hardWeight: number;
}

export interface KdTerms {
  readonly total: tf.Scalar;
  readonly soft: tf.Scalar;
  readonly hard: tf.Scalar;
}

/** Mean over examples of KL(softmax(teacher/T) || softmax(student/T)), without the T^2 factor. */
export function softTargetKl(studentLogits: tf.Tensor2D, teacherLogits: tf.Tensor2D, temperature: number): tf.Scalar {
  return tf.tidy(() => {
    const teacherLogProbs = tf.logSoftmax(teacherLogits.div(temperature));
    const studentLogProbs = tf.logSoftmax(studentLogits.div(temperature));
    return tf.exp(teacherLogProbs).mul(teacherLogProbs.sub(studentLogProbs)).sum(1).mean() as tf.Scalar;
  });
}

/** Cross-entropy with integer labels, averaged over the examples where `mask` is 1. */
export function maskedCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D, mask?: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const perExample = tf.logSoftmax(logits).mul(tf.oneHot(labels, logits.shape[1])).sum(1).neg();
    if (!mask) return perExample.mean() as tf.Scalar;
    return perExample.mul(mask).sum().div(tf.maximum(mask.sum(), 1)) as tf.Scalar;
  });
}

/**
 * Cross-entropy with a weight per example and, under mixup, a second label per example with its own weight
 * (`lambda * m_i` and `(1 - lambda) * m_partner`): sum of weighted terms over the sum of weights. Without a
 * partner and with 0/1 weights this equals `maskedCrossEntropy` with that mask.
 */
export function mixedCrossEntropy(
  logits: tf.Tensor2D,
  labels: tf.Tensor1D,
  weights: tf.Tensor1D,
  partner?: { readonly y: tf.Tensor1D; readonly weight: tf.Tensor1D },
): tf.Scalar {
  return tf.tidy(() => {
    const logProbs = tf.logSoftmax(logits);
    const ce = (y: tf.Tensor1D): tf.Tensor1D => logProbs.mul(tf.oneHot(y, logits.shape[1])).sum(1).neg() as tf.Tensor1D;
    let sum = ce(labels).mul(weights).sum();
    let total = weights.sum();
    if (partner) {
      sum = sum.add(ce(partner.y).mul(partner.weight).sum());
      total = total.add(partner.weight.sum());
    }
    return sum.div(tf.maximum(total, 1e-6)) as tf.Scalar;
  });
}

/** The distillation loss from a hard term computed elsewhere (e.g. `mixedCrossEntropy` under mixup). */
export function distillationLossWithHard(
  studentLogits: tf.Tensor2D,
  teacherLogits: tf.Tensor2D,
  hard: tf.Scalar,
  settings: KdSettings,
): KdTerms {
  const soft = tf.tidy(
    () => softTargetKl(studentLogits, teacherLogits, settings.temperature).mul(settings.temperature ** 2) as tf.Scalar,
  );
  const total = tf.tidy(() => soft.mul(settings.softWeight).add(hard.mul(settings.hardWeight)) as tf.Scalar);
  return { total, soft, hard };
}

export function distillationLoss(
  studentLogits: tf.Tensor2D,
  teacherLogits: tf.Tensor2D,
  labels: tf.Tensor1D,
  labeledMask: tf.Tensor1D,
  settings: KdSettings,
): KdTerms {
  return distillationLossWithHard(
    studentLogits,
    teacherLogits,
    maskedCrossEntropy(studentLogits, labels, labeledMask),
    settings,
  );
}
