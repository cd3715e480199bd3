/**
 * Compression of the distilled student, in order: pruning with distillation fine-tuning (magnitude pruning
 * with masks held through every step, or structured pruning to a narrower model), then weight quantization.
 * Each step is evaluated and saved: `pruned/` and `quantized/` (a loadable TF.js model of the dequantized
 * weights, plus the stored integers and scales in `quantized/weights.<dtype>.bin` + `quantization.json`, a
 * record of the run's quantization). The quantized model's reported size is that of its shipped file, `export/model.onnx`.
 */
import type { Examples } from '../data/dataset';
import * as tf from '@tensorflow/tfjs';
import type { LayerSpec } from '../../core/config/types';
import type { TrainingBudget } from '../../core/protocol/report';
import { formatPercent } from '../../core/format/percent';
import { MODEL_DIRS } from '../../core/runs/layout';
import { type PruningMasks, pruneModel } from '../compress/prune';
import { pruneUnits } from '../compress/structured-prune';
import { structurallyPruned } from '../../core/model/narrow-layers';
import type { TeacherOutputs } from '../eval/evaluate-model';
import { onnxModelOf } from '../export/onnx-graph';
import { buildModel } from '../model/build-model';
import { type Evaluated, evaluateAndSave } from './evaluate-phase';
import type { RunContext } from './run-context';
import { type BatchTeaching, distillationBatches } from './distillation-job';
import { fineTuneCompressed } from './compression-fine-tune';
import { quantizedCopy, writeQuantizedFiles } from './quantized-model';

function cloneModel(
  source: tf.LayersModel,
  layers: readonly LayerSpec[],
  ctx: RunContext,
  role: string,
): tf.LayersModel {
  const copy = buildModel(layers, ctx.data.inputShape, ctx.data.classNames.length, ctx.baseSeed, role);
  copy.setWeights(source.getWeights());
  return copy;
}

interface PrunedStart {
  readonly model: tf.LayersModel;
  /** The pruned model's layers (narrower than the student's after structured pruning). */
  readonly layers: readonly LayerSpec[];
  readonly masks?: PruningMasks;
  readonly label: string;
}

/**
 * Structured pruning: a narrower copy of the student; a layer that would lose every unit keeps one, and layers a
 * hint reads keep their width; both are said, and so is a pruning that removes nothing.
 */
function pruneStructured(ctx: RunContext, student: tf.LayersModel, layers: readonly LayerSpec[]) {
  const narrowed = structurallyPruned(ctx.config, layers)!;
  const say = (code: string, message: string): void => {
    ctx.warnings.push(message);
    ctx.sink.emit({ type: 'warning', code, message });
  };
  const { sparsity } = ctx.config.compression.pruning!;
  if (narrowed.keptOne.length > 0)
    say(
      'pruning/all-units',
      `compression.pruning: sparsity ${sparsity} would remove every unit of ${narrowed.keptOne.join(', ')}; each keeps 1 unit.`,
    );
  if (narrowed.hinted.length > 0) {
    const removesNothing = narrowed.layers.every((spec, i) => spec === layers[i]);
    say(
      'pruning/hinted-width',
      `compression.pruning.structure: units keeps the width of ${narrowed.hinted.join(', ')}: a hint (distillation.features) reads ${narrowed.hinted.length > 1 ? 'them' : 'it'}, and the teacher-shaped values it matches need every unit. ${removesNothing ? 'No other hidden layer is left to prune: the pruned model is as large as the student.' : 'Units are removed from the other hidden layers only.'}`,
    );
  }
  const { data } = ctx;
  const model = pruneUnits(student, narrowed.layers, data.inputShape, data.classNames.length, ctx.baseSeed);
  return { model, layers: narrowed.layers };
}

function startPruning(
  ctx: RunContext,
  student: tf.LayersModel,
  layers: readonly LayerSpec[],
  pruning: NonNullable<RunContext['config']['compression']['pruning']>,
): PrunedStart {
  const share = formatPercent(pruning.sparsity, 0);
  if (pruning.structure === 'units') {
    ctx.sink.emit({
      type: 'phase',
      phase: 'pruning',
      message: `Removing ${share} of the student's hidden units and filters, then ${pruning.fine_tune_epochs} fine-tuning epoch(s).`,
    });
    return { ...pruneStructured(ctx, student, layers), label: `${share} of units removed` };
  }
  ctx.sink.emit({
    type: 'phase',
    phase: 'pruning',
    message: `Pruning ${share} of the student's weights, then ${pruning.fine_tune_epochs} fine-tuning epoch(s).`,
  });
  const model = cloneModel(student, layers, ctx, 'pruned');
  return { model, layers, masks: pruneModel(model, pruning.sparsity), label: `pruned to ${share} sparsity` };
}

export async function runPruning(
  ctx: RunContext,
  student: tf.LayersModel,
  layers: readonly LayerSpec[],
  trainTeacherLogits: Examples,
  teacherReference: TeacherOutputs,
  /** The student's teacher (the assistant when there is one): it labels each augmented fine-tuning batch. */
  teaching: BatchTeaching,
): Promise<{ model: tf.LayersModel; layers: readonly LayerSpec[]; evaluated: Evaluated } | undefined> {
  const pruning = ctx.config.compression.pruning;
  if (!pruning) return undefined;
  const { model, layers: prunedLayers, masks, label } = startPruning(ctx, student, layers, pruning);
  // The fine-tuning sees batches made as the student's were: augmented, with function matching.
  const batches = await distillationBatches(ctx, teaching, trainTeacherLogits);
  let budget: TrainingBudget | undefined;
  try {
    if (pruning.fine_tune_epochs > 0) {
      budget = await fineTuneCompressed(ctx, batches, {
        role: 'pruned',
        seed: ctx.baseSeed,
        model,
        epochs: pruning.fine_tune_epochs,
        ...(masks ? { afterStep: masks.apply } : {}),
      });
      masks?.apply();
    }
  } finally {
    masks?.dispose();
    await batches.release();
  }
  const evaluated = await evaluateAndSave(ctx, {
    role: 'pruned',
    model,
    teacherLogits: teacherReference,
    saveDir: MODEL_DIRS.pruned,
    label,
  });
  const result = budget ? { ...evaluated.result, budget } : evaluated.result;
  return { model, layers: prunedLayers, evaluated: { ...evaluated, result } };
}

export async function runQuantization(
  ctx: RunContext,
  source: tf.LayersModel,
  layers: readonly LayerSpec[],
  teacherReference: TeacherOutputs,
): Promise<Evaluated | undefined> {
  const quantization = ctx.config.compression.quantization;
  if (!quantization) return undefined;
  ctx.sink.emit({ type: 'phase', phase: 'quantization', message: `Quantizing the weights to ${quantization.dtype}.` });
  const { model, tensors } = quantizedCopy(ctx, source, layers, quantization.dtype, 'quantized');
  // With quantization-aware training the export holds the aware model: this one's size is that of its own ONNX file.
  const onnxFile = `${MODEL_DIRS.quantized}/model.onnx`;
  const onnx = quantization.aware
    ? onnxModelOf(
        source,
        quantization.dtype,
        { producer: 'Distillery', model: 'post-training quantization (the run exports its quantization-aware model)' },
        `tfjs-layers ${tf.version_layers}`,
      ).bytes
    : undefined;
  const evaluated = await evaluateAndSave(ctx, {
    role: 'quantized',
    model,
    teacherLogits: teacherReference,
    saveDir: MODEL_DIRS.quantized,
    dtype: quantization.dtype,
    label: `quantized to ${quantization.dtype}${quantization.aware ? ', post-training' : ''}`,
    ...(onnx ? { storedBytes: onnx } : {}),
  });
  writeQuantizedFiles(ctx, MODEL_DIRS.quantized, quantization.dtype, tensors);
  model.dispose();
  if (!onnx) return evaluated;
  ctx.files.writeFile(onnxFile, onnx);
  return { ...evaluated, result: { ...evaluated.result, bytes_file: onnxFile } };
}
