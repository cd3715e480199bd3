/** Validation loss (cross-entropy) and accuracy from flat logits, computed in plain JS. */

export function logitStats(
  logits: Float32Array,
  labels: Int32Array,
  classes: number,
): { loss: number; accuracy: number } {
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    const row = logits.subarray(i * classes, (i + 1) * classes);
    let max = -Infinity;
    let argmax = 0;
    for (let c = 0; c < classes; c++)
      if (row[c]! > max) {
        max = row[c]!;
        argmax = c;
      }
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(row[c]! - max);
    loss += Math.log(sum) + max - row[labels[i]!]!;
    if (argmax === labels[i]) correct++;
  }
  const n = Math.max(1, labels.length);
  return { loss: loss / n, accuracy: correct / n };
}
