/**
 * A teacher asked per training batch instead of once: needed when the student's inputs are augmented, since
 * the teacher must label the same augmented batch the student sees (function matching, Beyer et al. 2022).
 */
import * as tf from '@tensorflow/tfjs';

export interface BatchTeacherOutputs {
  /** Teacher logits [count, classes]. */
  readonly logits: tf.Tensor2D;
  /** Hint features [count, width] in `distillation.features` order. */
  readonly features: readonly tf.Tensor2D[];
}

export interface BatchTeacher {
  outputs(x: tf.Tensor): Promise<BatchTeacherOutputs>;
}

/** A batch teacher that holds something outside TF.js (an onnxruntime session) until training ends. */
export interface ReleasableBatchTeacher extends BatchTeacher {
  release(): Promise<void>;
}

/**
 * The batch teacher of a TF.js model: `extractor` (when hints are used) outputs the logits first, then each
 * hinted layer. `outputsProbabilities`: the model ends in softmax, so its log-outputs stand in for logits.
 */
export function layersBatchTeacher(
  model: tf.LayersModel,
  outputsProbabilities: boolean,
  extractor?: tf.LayersModel,
): BatchTeacher {
  return {
    outputs(x) {
      return Promise.resolve(
        tf.tidy(() => {
          const raw = (extractor ?? model).predict(x);
          const [first, ...rest] = Array.isArray(raw) ? raw : [raw];
          const logits = (outputsProbabilities ? tf.log(tf.maximum(first!, 1e-7)) : first!) as tf.Tensor2D;
          return { logits, features: rest.map((f) => f.reshape([x.shape[0]!, -1]) as tf.Tensor2D) };
        }),
      );
    },
  };
}
