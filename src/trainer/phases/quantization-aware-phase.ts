/**
 * Quantization-aware training (`compression.quantization.aware`): the pruned (else distilled) student is
 * fine-tuned by distillation through the run's one training loop with its weights fake-quantized
 * (compress/fake-quant.ts), then quantized exactly as post-training quantization quantizes: the evaluated
 * model, the stored integers and the export's per-channel scales are one and the same.
 */
import type { Examples } from '../data/dataset';
import type * as tf from '@tensorflow/tfjs';
import type { LayerSpec } from '../../core/config/types';
import type { ModelRole } from '../../core/protocol/run-events';
import { MODEL_DIRS, QUANTIZED_AWARE_FLOAT_DIR } from '../../core/runs/layout';
import { fakeQuantize } from '../compress/fake-quant';
import type { QuantDtype } from '../compress/quantize';
import type { TeacherOutputs } from '../eval/evaluate-model';
import { buildModel } from '../model/build-model';
import { saveModel } from '../model/model-files';
import type { TrainingBudget } from '../../core/protocol/report';
import { type BatchTeaching, distillationBatches } from './distillation-job';
import { fineTuneCompressed } from './compression-fine-tune';
import { type Evaluated, evaluateAndSave } from './evaluate-phase';
import { quantizedCopy, writeQuantizedFiles } from './quantized-model';
import type { RunContext } from './run-context';

export interface QuantizationAwareJob {
  /** The float model to start from (left untouched). */
  readonly source: tf.LayersModel;
  readonly layers: readonly LayerSpec[];
  readonly dtype: QuantDtype;
  readonly epochs: number;
  /** The teaching model's logits on the training split. */
  readonly trainTeacherLogits: Examples;
  /** The student's teacher (the assistant when there is one): it labels each augmented fine-tuning batch. */
  readonly teaching: BatchTeaching;
  /** Names the checkpoint folder and the epoch events (default `quantized_aware`). */
  readonly role?: ModelRole;
  readonly seed?: number;
}

/**
 * Fine-tunes a copy of `job.source` quantization-aware and returns it with its float weights: its post-training
 * quantization (`quantizedCopy`, and the export's) is the fine-tuned quantized model. Checkpointed every epoch
 * (float weights included), so `ctx.resume` continues a killed fine-tuning.
 */
export async function fineTuneQuantizationAware(
  ctx: RunContext,
  job: QuantizationAwareJob,
): Promise<{ model: tf.LayersModel; budget: TrainingBudget }> {
  const { data } = ctx;
  // The fine-tuning sees batches made as the student's were: augmented, with function matching.
  const batches = await distillationBatches(ctx, job.teaching, job.trainTeacherLogits);
  const role = job.role ?? 'quantized_aware';
  const model = buildModel(job.layers, data.inputShape, data.classNames.length, ctx.baseSeed, role);
  model.setWeights(job.source.getWeights());
  const fake = fakeQuantize(model, job.dtype);
  let budget: TrainingBudget;
  try {
    budget = await fineTuneCompressed(ctx, batches, {
      role,
      seed: job.seed ?? ctx.baseSeed,
      model,
      epochs: job.epochs,
      afterStep: fake.afterStep,
      heldVariables: fake.float,
    });
    fake.restoreFloat();
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    fake.dispose();
    await batches.release();
  }
  return { model, budget };
}

/** The run's quantization-aware step: fine-tune, quantize, evaluate and save next to post-training quantization. */
export async function runQuantizationAware(
  ctx: RunContext,
  source: tf.LayersModel,
  layers: readonly LayerSpec[],
  trainTeacherLogits: Examples,
  teacherReference: TeacherOutputs,
  teaching: BatchTeaching,
): Promise<{ float: tf.LayersModel; evaluated: Evaluated } | undefined> {
  const quantization = ctx.config.compression.quantization;
  if (!quantization?.aware) return undefined;
  const { dtype, fine_tune_epochs: epochs } = quantization;
  ctx.sink.emit({
    type: 'phase',
    phase: 'quantization',
    message: `Quantization-aware fine-tuning: ${epochs} epoch(s) of distillation with the weights fake-quantized to ${dtype}.`,
  });
  const { model: float, budget } = await fineTuneQuantizationAware(ctx, {
    source,
    layers,
    dtype,
    epochs,
    trainTeacherLogits,
    teaching,
  });
  const dir = MODEL_DIRS.quantized_aware;
  const { model, tensors } = quantizedCopy(ctx, float, layers, dtype, 'quantized_aware');
  try {
    const evaluated = await evaluateAndSave(ctx, {
      role: 'quantized_aware',
      model,
      teacherLogits: teacherReference,
      saveDir: dir,
      dtype,
      label: `quantized to ${dtype}, quantization-aware (${epochs} epoch${epochs === 1 ? '' : 's'})`,
    });
    writeQuantizedFiles(ctx, dir, dtype, tensors, { training: 'quantization-aware' });
    // The float weights whose quantization this is: what `distillery export` re-exports from.
    await saveModel(float, QUANTIZED_AWARE_FLOAT_DIR, ctx.files, { role: 'quantized_aware (float weights)' });
    return { float, evaluated: { ...evaluated, result: { ...evaluated.result, budget } } };
  } finally {
    model.dispose();
  }
}
