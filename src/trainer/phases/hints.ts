/**
 * Feature (hint) matching, FitNets-style (Romero et al. 2015): for each `distillation.features` pair the
 * teacher value's outputs (a layer, or a graph model's node) are precomputed once (or asked per batch under augmentation), the student gets a second output at its named layer, and
 * an optional learned linear projection maps the student's width to the teacher's.
 */
import * as tf from '@tensorflow/tfjs';
import type { FeaturePair } from '../../core/config/types';
import type { Examples } from '../data/dataset';
import { mixSeed } from '../random/prng';
import { TrainerError } from '../run/errors';
import { predictBatches } from '../train/predict';
import { floatRecordFile } from '../data/float-records';
import type { HintSetup } from '../train/train-loop';

function layerOutput(model: tf.LayersModel, name: string, role: string): tf.SymbolicTensor {
  try {
    return model.getLayer(name).output as tf.SymbolicTensor;
  } catch {
    throw new TrainerError(
      `distillation.features: the ${role} has no layer named '${name}' (its layers: ${model.layers.map((l) => l.name).join(', ')}).`,
      'Name the layer in the config (`name:`) or fix the reference.',
    );
  }
}

const widthOf = (t: tf.SymbolicTensor): number => t.shape.slice(1).reduce((a: number, b) => a * (b ?? 1), 1);

/**
 * The teacher with its logits output first, then each hinted value (a layer of a Layers teacher, a node of a
 * graph teacher): `extract` is the teacher's own builder of such a model.
 */
export function teacherExtractor(
  extract: (names: readonly string[]) => tf.LayersModel,
  pairs: readonly FeaturePair[],
): tf.LayersModel | undefined {
  return pairs.length === 0 ? undefined : extract(pairs.map((p) => p.teacher));
}

/**
 * Teacher features for each pair over the training inputs, [n, width], computed once and written batch by batch
 * to `fileOf(i)` in the run, from which training reads each batch's rows.
 */
export function teacherFeatures(
  extractor: tf.LayersModel | undefined,
  x: Examples,
  inputShape: readonly number[],
  fileOf: (pair: number) => string,
): Examples[] {
  if (!extractor) return [];
  const writers = teacherWidths(extractor).map((width, i) => floatRecordFile(fileOf(i), width));
  predictBatches(extractor, x, inputShape, (outputs) => outputs.slice(1).forEach((o, i) => writers[i]!.append(o)));
  return writers.map((w) => w.finish());
}

/** Per-example width of each hinted teacher value. */
export const teacherWidths = (extractor: tf.LayersModel | undefined): number[] =>
  extractor ? extractor.outputs.slice(1).map(widthOf) : [];

export function buildHints(
  student: tf.LayersModel,
  widths: readonly number[],
  pairs: readonly FeaturePair[],
  features: readonly Examples[],
  seed: number,
): HintSetup | undefined {
  if (pairs.length === 0) return undefined;
  const outputs = pairs.map((p) => layerOutput(student, p.student, 'student'));
  const model = tf.model({ inputs: student.inputs, outputs: [student.outputs[0]!, ...outputs] });
  return {
    model,
    pairs: pairs.map((pair, i) => {
      const width = widths[i]!;
      const studentWidth = widthOf(outputs[i]!);
      let projection: tf.layers.Layer | undefined;
      if (pair.projection === 'linear') {
        projection = tf.layers.dense({
          units: width,
          name: `hint_projection_${i + 1}_${seed}`,
          kernelInitializer: tf.initializers.glorotUniform({ seed: mixSeed(seed, 0x4e11, i) }),
        });
        // Build the projection now so its weights exist when the optimizer's variable list is collected.
        tf.tidy(() => {
          projection!.apply(tf.zeros([1, studentWidth]));
        });
      } else if (width !== studentWidth) {
        throw new TrainerError(
          `distillation.features: '${pair.student}' (width ${studentWidth}) and '${pair.teacher}' (width ${width}) differ and projection is none.`,
          'Set projection: linear for this pair.',
        );
      }
      return {
        ...(projection ? { projection } : {}),
        ...(features[i] ? { teacherFeatures: features[i] } : {}),
        width,
        weight: pair.weight,
      };
    }),
  };
}
