/**
 * Accuracy under the fast gradient sign method (Goodfellow et al. 2015): x' = x + eps * sign(dLoss/dx),
 * clipped to the data's legal value range (images); tabular inputs are standardised and left unclipped. The
 * test split is read batch by batch.
 */
import * as tf from '@tensorflow/tfjs';
import { type Dataset, indexRange, inferenceBatchRows } from '../data/dataset';
import { gatherInts } from '../train/batches';

export function fgsmAccuracy(model: tf.LayersModel, data: Dataset, epsilon: number, batchSize = 256): number {
  const count = data.y.length;
  if (count === 0) return 0;
  let correct = 0;
  const step = inferenceBatchRows(data.x.width, batchSize);
  for (let start = 0; start < count; start += step) {
    const indices = indexRange(start, Math.min(count, start + step));
    const rows = data.x.rows(indices);
    correct += tf.tidy(() => {
      const x = tf.tensor(rows, [indices.length, ...data.inputShape]);
      const labels = gatherInts(data.y, indices);
      const classes = data.classNames.length;
      const lossOf = (input: tf.Tensor): tf.Scalar =>
        tf.losses.softmaxCrossEntropy(
          tf.oneHot(labels, classes),
          model.apply(input, { training: false }) as tf.Tensor,
        ) as tf.Scalar;
      let adversarial = x.add(tf.sign(tf.grad(lossOf)(x)).mul(epsilon));
      if (data.valueRange) adversarial = adversarial.clipByValue(data.valueRange[0], data.valueRange[1]);
      const predicted = (model.predict(adversarial) as tf.Tensor).argMax(1);
      return predicted.equal(labels).sum().dataSync()[0]!;
    });
  }
  return correct / count;
}
