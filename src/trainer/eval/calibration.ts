/**
 * Expected calibration error (Guo et al. 2017): top-1 confidences binned into 15 equal-width bins;
 * ECE = sum over bins of (bin share) * |accuracy - mean confidence|. Also agreement and KL to the teacher.
 */
import type { ReliabilityBin } from '../../core/protocol/report';

export function calibration(
  probabilities: Float32Array,
  labels: Int32Array,
  classes: number,
  binCount = 15,
): { ece: number; bins: ReliabilityBin[] } {
  const sums = Array.from({ length: binCount }, () => ({ confidence: 0, correct: 0, count: 0 }));
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++)
      if (probabilities[i * classes + c]! > probabilities[i * classes + best]!) best = c;
    const confidence = probabilities[i * classes + best]!;
    const bin = sums[Math.min(binCount - 1, Math.floor(confidence * binCount))]!;
    bin.confidence += confidence;
    bin.correct += best === labels[i] ? 1 : 0;
    bin.count++;
  }
  let ece = 0;
  const bins = sums.map((s, b) => {
    const confidence = s.count ? s.confidence / s.count : 0;
    const accuracy = s.count ? s.correct / s.count : 0;
    ece += (s.count / Math.max(1, labels.length)) * Math.abs(accuracy - confidence);
    return { from: b / binCount, to: (b + 1) / binCount, confidence, accuracy, count: s.count };
  });
  return { ece, bins };
}

/** Mean KL(teacher || model) at T = 1 over rows of probabilities. */
export function meanKl(teacher: Float32Array, model: Float32Array, classes: number): number {
  const rows = teacher.length / classes;
  let total = 0;
  for (let i = 0; i < teacher.length; i++) {
    const p = teacher[i]!;
    if (p > 0) total += p * (Math.log(p) - Math.log(Math.max(model[i]!, 1e-12)));
  }
  return rows ? total / rows : 0;
}

export function agreement(a: Int32Array, b: Int32Array): number {
  let same = 0;
  a.forEach((v, i) => {
    if (b[i] === v) same++;
  });
  return a.length ? same / a.length : 0;
}
