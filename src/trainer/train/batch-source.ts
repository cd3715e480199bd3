/**
 * Everything one optimizer step reads, assembled outside the gradient tape: the (augmented) inputs, labels,
 * label mask, mixup partners, and the teacher's outputs (gathered from the precomputed ones, or asked from the
 * teacher on the augmented batch).
 */
import * as tf from '@tensorflow/tfjs';
import type { BatchAugmenter } from '../augment/batch-augmenter';
import type { Examples } from '../data/dataset';
import { gatherInts } from './batches';
import type { BatchTeacher } from './batch-teacher';

/** A training split: inputs [n, ...inputShape] read per batch, labels, and optional mask and teacher logits. */
export interface BatchInputs {
  readonly x: Examples;
  readonly y: Int32Array;
  readonly inputShape: readonly number[];
  readonly classes: number;
  /** 1 = label visible; absent = all visible. */
  readonly labeledMask?: Float32Array;
  /** Precomputed teacher logits [n, classes], read per batch; present (or a batch teacher) = distillation. */
  readonly teacherLogits?: Examples;
}

export interface Batch {
  readonly x: tf.Tensor;
  readonly y: tf.Tensor1D;
  /** Hard-label weight of each example's own label (the label mask, times lambda under mixup). */
  readonly weightOwn: tf.Tensor1D;
  /** Under mixup: the partner's labels and their weights (mask * (1 - lambda)). */
  readonly partner?: { readonly y: tf.Tensor1D; readonly weight: tf.Tensor1D };
  /** Per example, the label a prediction is scored against (the dominant one under mixup). */
  readonly scoredLabels: Int32Array;
  /** Per example, whether it counts for training accuracy (its scored label is visible). */
  readonly scored: Uint8Array;
  readonly teacherLogits?: tf.Tensor2D;
  readonly teacherFeatures?: readonly tf.Tensor2D[];
}

export function disposeBatch(batch: Batch): void {
  tf.dispose([
    batch.x,
    batch.y,
    batch.weightOwn,
    ...(batch.partner ? [batch.partner.y, batch.partner.weight] : []),
    ...(batch.teacherLogits ? [batch.teacherLogits] : []),
    ...(batch.teacherFeatures ?? []),
  ]);
}

export interface BatchRequest {
  readonly data: BatchInputs;
  readonly indices: readonly number[];
  readonly seed: number;
  readonly epoch: number;
  readonly batchIndex: number;
  /** Distillation with precomputed teacher logits, or with a teacher asked per batch. */
  readonly distill: 'precomputed' | 'per-batch' | 'none';
  readonly augmenter?: BatchAugmenter;
  readonly teacher?: BatchTeacher;
  /** The batch's input rows when they were already requested (prefetched while the previous step ran). */
  readonly prefetched?: Promise<Float32Array>;
}

export async function assembleBatch(request: BatchRequest): Promise<Batch> {
  const { data, indices } = request;
  const count = indices.length;
  let rows = await (request.prefetched ?? data.x.rowsAsync(indices));
  const labels = Int32Array.from(indices, (i) => data.y[i]!);
  const mask = Float32Array.from(indices, (i) => (data.labeledMask ? data.labeledMask[i]! : 1));
  let mix: { partner: Int32Array; lambda: Float32Array } | undefined;
  if (request.augmenter) {
    const augmented = request.augmenter.augment(rows, count, request.seed, request.epoch, request.batchIndex);
    rows = augmented.x;
    mix = augmented.mix;
  }
  const x = tf.tensor(rows, [count, ...data.inputShape]);
  const weightOwn = mix ? mask.map((m, i) => m * mix.lambda[i]!) : mask;
  const scoredLabels = mix ? labels.map((y, i) => (mix.lambda[i]! >= 0.5 ? y : labels[mix.partner[i]!]!)) : labels;
  const scored = Uint8Array.from(indices, (_, i) => {
    const from = mix && mix.lambda[i]! < 0.5 ? mix.partner[i]! : i;
    return mask[from]! > 0 ? 1 : 0;
  });
  let teacherLogits: tf.Tensor2D | undefined;
  let teacherFeatures: readonly tf.Tensor2D[] | undefined;
  if (request.distill === 'per-batch') {
    if (!request.teacher) throw new Error('Per-batch distillation needs a batch teacher.');
    ({ logits: teacherLogits, features: teacherFeatures } = await request.teacher.outputs(x));
  } else if (request.distill === 'precomputed') {
    teacherLogits = tf.tensor2d(data.teacherLogits!.rows(indices), [count, data.classes]);
  }
  return {
    x,
    y: gatherInts(data.y, indices),
    weightOwn: tf.tensor1d(weightOwn),
    ...(mix
      ? {
          partner: {
            y: tf.tensor1d(
              Int32Array.from(mix.partner, (p) => labels[p]!),
              'int32',
            ),
            weight: tf.tensor1d(Float32Array.from(mix.partner, (p, i) => mask[p]! * (1 - mix.lambda[i]!))),
          },
        }
      : {}),
    scoredLabels,
    scored,
    ...(teacherLogits ? { teacherLogits } : {}),
    ...(teacherFeatures ? { teacherFeatures } : {}),
  };
}
