/** Row-wise softmax and argmax over flat [n, classes] logits. */

export function softmaxRows(logits: Float32Array, classes: number, temperature = 1): Float32Array {
  const out = new Float32Array(logits.length);
  for (let start = 0; start < logits.length; start += classes) {
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, logits[start + c]! / temperature);
    let sum = 0;
    for (let c = 0; c < classes; c++) {
      const e = Math.exp(logits[start + c]! / temperature - max);
      out[start + c] = e;
      sum += e;
    }
    for (let c = 0; c < classes; c++) out[start + c]! /= sum;
  }
  return out;
}

export function argmaxRows(values: Float32Array, classes: number): Int32Array {
  const out = new Int32Array(values.length / classes);
  for (let i = 0; i < out.length; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (values[i * classes + c]! > values[i * classes + best]!) best = c;
    out[i] = best;
  }
  return out;
}
