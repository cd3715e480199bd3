/** Accuracy, confusion matrix and per-class precision / recall / F1 from labels and predictions. */
import type { ClassMetrics } from '../../core/protocol/report';

export function confusionMatrix(labels: Int32Array, predicted: Int32Array, classes: number): number[][] {
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  labels.forEach((label, i) => {
    matrix[label]![predicted[i]!]!++;
  });
  return matrix;
}

export function accuracyOf(labels: Int32Array, predicted: Int32Array): number {
  let correct = 0;
  labels.forEach((label, i) => {
    if (predicted[i] === label) correct++;
  });
  return labels.length ? correct / labels.length : 0;
}

export function perClassMetrics(
  confusion: readonly (readonly number[])[],
  classNames: readonly string[],
): ClassMetrics[] {
  return classNames.map((name, c) => {
    const truePositive = confusion[c]![c]!;
    const support = confusion[c]!.reduce((a, b) => a + b, 0);
    const predictedAs = confusion.reduce((n, row) => n + row[c]!, 0);
    const precision = predictedAs ? truePositive / predictedAs : 0;
    const recall = support ? truePositive / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { class: name, precision, recall, f1, support };
  });
}
