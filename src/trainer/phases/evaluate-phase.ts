/** Evaluates one model, saves it in TF.js format inside the run, emits its `eval` event, returns its result. */
import type * as tf from '@tensorflow/tfjs';
import type { ModelResult } from '../../core/protocol/report';
import type { ModelRole } from '../../core/protocol/run-events';
import { type Evaluation, evaluateModel, type TeacherOutputs } from '../eval/evaluate-model';
import { sizeOf, weightBytes } from '../eval/model-size';
import { saveModel } from '../model/model-files';
import { modelResult } from '../run/model-result';
import { addDuration, type RunContext, stopIfCancelled } from './run-context';

export interface Evaluated {
  readonly evaluation: Evaluation;
  readonly result: ModelResult;
}

export interface EvaluateOptions {
  readonly role: ModelRole;
  readonly seed?: number;
  readonly model: tf.LayersModel;
  /** The teacher's logits on the test and validation splits; absent when evaluating the teacher itself. */
  readonly teacherLogits?: TeacherOutputs;
  /** Folder in the run to save the model to (undefined: do not save, e.g. extra seeds). */
  readonly saveDir?: string;
  /** Bytes as stored, when they differ from the float32 weights (quantized models). */
  readonly storedBytes?: Uint8Array;
  readonly dtype?: ModelResult['dtype'];
  readonly label: string;
  /** Saves the model into `saveDir` itself, returning the stored bytes (a graph teacher is copied as it is). */
  readonly save?: (dir: string) => Promise<Uint8Array>;
  /** Parameter counts when the model cannot count its own (a wrapped graph model holds no layer weights). */
  readonly params?: { readonly params: number; readonly nonzeroParams: number };
}

export async function evaluateAndSave(ctx: RunContext, options: EvaluateOptions): Promise<Evaluated> {
  await stopIfCancelled(ctx);
  const startedAt = performance.now();
  const evaluation = evaluateModel({
    model: options.model,
    test: ctx.data.test,
    validation: ctx.data.validation,
    fgsmEpsilon: ctx.config.evaluation.robustness.fgsm_epsilon,
    batchSize: ctx.config.training.batch_size,
    name: options.label,
    ...(options.teacherLogits ? { teacher: options.teacherLogits } : {}),
  });
  await stopIfCancelled(ctx);
  const weights = !options.saveDir
    ? undefined
    : options.save
      ? await options.save(options.saveDir)
      : await saveModel(options.model, options.saveDir, ctx.files, { role: options.role });
  const stored = options.storedBytes ?? weights ?? weightBytes(options.model);
  const size = sizeOf(options.model, stored);
  const result = modelResult(
    options.label,
    evaluation,
    options.params ? { ...size, ...options.params } : size,
    options.dtype ?? 'float32',
    options.saveDir,
    undefined,
    options.saveDir && !options.storedBytes ? `${options.saveDir}/weights.bin` : undefined,
  );
  addDuration(ctx, 'evaluation', startedAt);
  ctx.sink.emit({
    type: 'eval',
    role: options.role,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    metrics: evaluation.metrics,
    params: result.params,
    bytes: result.bytes,
  });
  return { evaluation, result };
}
