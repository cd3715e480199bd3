/**
 * An ONNX teacher asked per training batch (function matching under `training.augment`): the augmented batch the
 * student sees goes through onnxruntime as it is, with the teacher's own layout and normalisation.
 */
import * as tf from '@tensorflow/tfjs';
import type { ReleasableBatchTeacher } from '../train/batch-teacher';
import type { OnnxTeacher } from './onnx-teacher';

/**
 * @param pairValues the graph value each `distillation.features` pair reads, in pair order (a value may repeat);
 *   each must be one of the teacher's hint values.
 */
export function onnxBatchTeacher(
  teacher: OnnxTeacher,
  classes: number,
  pairValues: readonly string[],
): ReleasableBatchTeacher {
  const featureIndex = pairValues.map((value) => {
    const index = teacher.hintValues.indexOf(value);
    if (index < 0) throw new Error(`The ONNX teacher was opened without the hint value ${value}.`);
    return index;
  });
  return {
    async outputs(x) {
      const count = x.shape[0]!;
      const rows = (await x.data()) as Float32Array;
      const out = await teacher.run(rows, pairValues.length > 0);
      return {
        logits: tf.tensor2d(out.logits, [count, classes]),
        features: featureIndex.map((i) => tf.tensor2d(out.features[i]!, [count, out.features[i]!.length / count])),
      };
    },
    release: () => teacher.release(),
  };
}
