/**
 * The teacher: loaded from a TF.js model.json, Layers or graph model (checked against the data's input
 * shape and class count), or built from the config and trained on every training label (labels are hidden only from the student).
 * Saved in the run as `teacher/`, evaluated on the test split, and its outputs precomputed once.
 */
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { formatShape } from '../../core/format/numbers';
import { configLayerDefs } from '../../core/model/config-layers';
import type { LayerDef } from '../../core/model/layer-def';
import { MODEL_DIRS } from '../../core/runs/layout';
import { type Examples, forEachBatch, inferenceBatchRows } from '../data/dataset';
import { floatRecordFile } from '../data/float-records';
import { buildModel } from '../model/build-model';
import { layerExtractor, type LoadedTeacher, loadTeacher } from '../model/load-teacher';
import { isOnnxPath } from '../../core/model/onnx-teacher';
import { TrainerError } from '../run/errors';
import { runOnnxTeacherPhase } from './onnx-teacher-phase';
import type { ReleasableBatchTeacher } from '../train/batch-teacher';
import type { Evaluated } from './evaluate-phase';
import { evaluateAndSave } from './evaluate-phase';
import { type RunContext, trainWithEvents } from './run-context';

export interface TeacherOutcome {
  /** The TF.js teacher; absent for a teacher run elsewhere (ONNX), whose outputs are `precomputed`. */
  readonly model?: tf.LayersModel;
  /** Outputs over the training split computed once by a teacher that is not a TF.js model, on disk in the run:
   *  its logits and, by graph value, the hint values. */
  readonly precomputed?: {
    readonly trainLogits: Examples;
    readonly features: ReadonlyMap<string, Examples>;
  };
  /** A teacher that is not a TF.js model (ONNX), opened to label each augmented batch; `pairValues` are the values
   *  the `distillation.features` pairs read, in pair order. Released by the caller when training ends. */
  readonly openBatchTeacher?: (pairValues: readonly string[]) => Promise<ReleasableBatchTeacher>;
  /** The teacher's Layers model whose layers can be read by name (student.init); undefined for a graph model or ONNX. */
  readonly layers?: tf.LayersModel;
  /** The teacher's layers as core reads them (what `student.from_teacher` shrinks, as `check` does);
   *  undefined for a graph model or an ONNX teacher. */
  readonly defs?: readonly LayerDef[];
  /** A model with the teacher's input whose outputs are its logits, then each named hint value (layer or graph
   *  node); absent for an ONNX teacher. */
  readonly extract?: (names: readonly string[]) => tf.LayersModel;
  readonly evaluated: Evaluated;
  /** True when the loaded model ends in softmax: its log-outputs stand in for logits. */
  readonly outputsProbabilities: boolean;
}

function checkFits(model: tf.LayersModel, ctx: RunContext, shown: string): void {
  const input = model.inputs[0]?.shape.slice(1) ?? [];
  const expected = ctx.data.inputShape;
  if (input.length !== expected.length || input.some((d, i) => d !== null && d !== expected[i])) {
    throw new TrainerError(
      `${shown}: the model expects input [${input.map((d) => d ?? '?').join(', ')}] but the data has examples of shape ${formatShape(expected)}.`,
      'Use a teacher trained on this dataset, or change data.source to the data the teacher was trained on.',
    );
  }
  const outputs = model.outputs[0]?.shape[1];
  const classes = ctx.data.classNames.length;
  if (model.outputs.length !== 1 || outputs !== classes) {
    throw new TrainerError(
      `${shown}: the model outputs ${model.outputs.map((o) => formatShape(o.shape.slice(1))).join(', ')} but the data has ${classes} classes.`,
      `The teacher needs one output of ${classes} class scores.`,
    );
  }
}

async function loadTeacherOf(ctx: RunContext, modelPath: string): Promise<LoadedTeacher> {
  const loaded = await loadTeacher(path.resolve(ctx.configDir, modelPath), modelPath, ctx.data.inputShape);
  checkFits(loaded.model, ctx, modelPath);
  ctx.warnings.push(...loaded.warnings);
  return loaded;
}

export async function runTeacherPhase(ctx: RunContext): Promise<TeacherOutcome> {
  const { config, data } = ctx;
  let model: tf.LayersModel;
  let outputsProbabilities = false;
  let defs: readonly LayerDef[] | undefined;
  let loaded: LoadedTeacher | undefined;
  if (config.teacher.model && isOnnxPath(config.teacher.model)) return runOnnxTeacherPhase(ctx, config.teacher.model);
  if (config.teacher.model) {
    loaded = await loadTeacherOf(ctx, config.teacher.model);
    ({ model, defs, outputsProbabilities } = loaded);
  } else {
    const layers = config.teacher.layers ?? [];
    defs = configLayerDefs(layers, ['teacher', 'layers']);
    model = buildModel(layers, data.inputShape, data.classNames.length, ctx.baseSeed, 'teacher');
    await trainWithEvents(ctx, {
      role: 'teacher',
      seed: ctx.baseSeed,
      model,
      data: { x: data.train.x, y: data.train.y, inputShape: data.inputShape, classes: data.classNames.length },
      validation: data.validation,
      settings: config.teacher.training,
    });
  }
  const evaluated = await evaluateAndSave(ctx, {
    role: 'teacher',
    model,
    saveDir: MODEL_DIRS.teacher,
    ...(loaded ? { save: (dir: string) => loaded.save(dir, ctx.files) } : {}),
    ...(loaded?.params ? { params: loaded.params } : {}),
    label: config.teacher.model ? `teacher (${config.teacher.model})` : 'teacher',
  });
  const extract = loaded?.extract ?? layerExtractor(model, '');
  const layers = loaded ? loaded.layers : model;
  return { model, ...(layers ? { layers } : {}), ...(defs ? { defs } : {}), extract, evaluated, outputsProbabilities };
}

/**
 * Teacher logits for every training example, computed once (they do not change while the student trains) and
 * written batch by batch to `file` in the run (`teacher/outputs/`), from which training reads each batch's rows.
 * A teacher run elsewhere (ONNX) wrote them already, in its own pass.
 */
export function teacherLogitsFor(
  teacher: TeacherOutcome,
  x: Examples,
  inputShape: readonly number[],
  file: string,
): Examples {
  if (teacher.precomputed) return teacher.precomputed.trainLogits;
  const model = teacher.model!;
  const classes = model.outputs[0]!.shape[1]!;
  const records = floatRecordFile(file, classes);
  forEachBatch(x, inferenceBatchRows(x.width, 512), (rows, _, count) => {
    const logits = tf.tidy(() => {
      let result = model.predict(tf.tensor(rows, [count, ...inputShape])) as tf.Tensor;
      if (teacher.outputsProbabilities) result = tf.log(tf.maximum(result, 1e-7));
      return result.dataSync() as Float32Array;
    });
    records.append(logits);
  });
  return records.finish();
}
