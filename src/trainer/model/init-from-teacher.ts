/**
 * `student.init: teacher`: a student derived with `from_teacher` starts from the teacher's own weights. Each
 * dense layer keeps the teacher units, and each conv layer the filters, with the largest L1 norm of their
 * incoming weights (the criterion of Li et al. 2017, "Pruning Filters for Efficient ConvNets"), in their
 * original order; the next layer keeps the matching input rows, batch normalisation the matching channels. The
 * output layer keeps every unit. Layers are paired by name: a derived student's layers carry the teacher's names.
 * Structured pruning (`compression.pruning.structure: units`) copies the distilled student into its own
 * narrower build the same way (`copyStrongestUnits`).
 */
import * as tf from '@tensorflow/tfjs';
import { TrainerError } from '../run/errors';

/** Which of the previous feature map's channels survive, and how many spatial positions each channel has. */
interface KeptFeatures {
  readonly channels: readonly number[];
  readonly totalChannels: number;
  readonly positions: number;
}

export interface InitSummary {
  /** Layers whose weights were copied, each with `kept of total` units or filters. */
  readonly layers: readonly { readonly name: string; readonly kept: number; readonly total: number }[];
}

/** Indices of the `count` columns of a [rows, columns] kernel with the largest L1 norm, ascending. */
export function strongestUnits(kernel: Float32Array, rows: number, columns: number, count: number): number[] {
  const norms = new Float64Array(columns);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < columns; c++) norms[c] = norms[c]! + Math.abs(kernel[r * columns + c]!);
  return Array.from(norms.keys())
    .sort((a, b) => norms[b]! - norms[a]! || a - b)
    .slice(0, count)
    .sort((a, b) => a - b);
}

/** Input rows of a kernel that read the kept channels of the previous features (NHWC flattening order). */
function keptRows(kept: KeptFeatures | undefined, rows: number): number[] {
  if (!kept) return Array.from({ length: rows }, (_, i) => i);
  const out: number[] = [];
  for (let p = 0; p < kept.positions; p++) for (const c of kept.channels) out.push(p * kept.totalChannels + c);
  return out;
}

function take(values: Float32Array, rows: readonly number[], columns: readonly number[], width: number): Float32Array {
  const out = new Float32Array(rows.length * columns.length);
  rows.forEach((r, i) => columns.forEach((c, j) => (out[i * columns.length + j] = values[r * width + c]!)));
  return out;
}

/** Who copies from whom, for error messages. */
export interface CopyContext {
  /** The config key asking for the copy, e.g. `student.init: teacher`. */
  readonly key: string;
  /** The source model's role, e.g. `teacher`. */
  readonly source: string;
  readonly hint?: string;
}

const FROM_TEACHER: CopyContext = {
  key: 'student.init: teacher',
  source: 'teacher',
  hint: 'student.init: teacher needs a student derived with student.from_teacher from a TF.js teacher.',
};

function sourceLayer(source: tf.LayersModel, name: string, context: CopyContext): tf.layers.Layer {
  try {
    return source.getLayer(name);
  } catch {
    throw new TrainerError(
      `${context.key}: the ${context.source} has no layer named '${name}' to copy the weights from.`,
      context.hint,
    );
  }
}

/** Copies the teacher's strongest units into `student` (built from the same layers, narrower). */
export function initFromTeacher(student: tf.LayersModel, teacher: tf.LayersModel): InitSummary {
  return copyStrongestUnits(student, teacher, FROM_TEACHER);
}

/**
 * Copies `source`'s strongest units into `target`, a model built from the same layers (same names) with each
 * dense/conv layer as wide as or narrower than the source's; a layer of the same width is copied whole.
 */
export function copyStrongestUnits(target: tf.LayersModel, source: tf.LayersModel, context: CopyContext): InitSummary {
  const copied: { name: string; kept: number; total: number }[] = [];
  let kept: KeptFeatures | undefined;
  const lastDense = target.layers.map((l) => l.getClassName()).lastIndexOf('Dense');
  target.layers.forEach((layer, index) => {
    const kind = layer.getClassName();
    const outShape = layer.outputShape as (number | null)[];
    if (kind === 'Dense' || kind === 'Conv2D') {
      const [kernel, bias] = sourceLayer(source, layer.name, context).getWeights();
      const [studentKernel] = layer.getWeights();
      if (!kernel || !studentKernel) return;
      const total = kernel.shape[kernel.shape.length - 1]!;
      const units = studentKernel.shape[studentKernel.shape.length - 1]!;
      const kernelValues = kernel.dataSync() as Float32Array;
      const inputWidth = kind === 'Dense' ? kernel.shape[0]! : kernel.shape[2]!;
      const rowsPerIn = kind === 'Dense' ? 1 : kernel.shape[0]! * kernel.shape[1]!;
      const columns =
        index === lastDense
          ? Array.from({ length: total }, (_, i) => i)
          : strongestUnits(kernelValues, kernel.size / total, total, units);
      let rows: number[];
      if (kind === 'Dense') rows = keptRows(kept, inputWidth);
      else {
        // Conv kernels are [kh, kw, in, out]: keep the kept input channels at every kernel position.
        const inChannels = kept ? kept.channels : Array.from({ length: inputWidth }, (_, i) => i);
        rows = [];
        for (let p = 0; p < rowsPerIn; p++) for (const c of inChannels) rows.push(p * inputWidth + c);
      }
      const newKernel = take(kernelValues, rows, columns, total);
      const weights = [tf.tensor(newKernel, studentKernel.shape)];
      if (bias)
        weights.push(
          tf.tensor(
            Float32Array.from(columns, (c) => bias.dataSync()[c]!),
            [columns.length],
          ),
        );
      if (weights.reduce((n, w) => n + w.size, 0) !== layer.countParams())
        throw new TrainerError(`${context.key}: layer '${layer.name}' does not match the ${context.source}'s shape.`);
      layer.setWeights(weights);
      tf.dispose(weights);
      copied.push({ name: layer.name, kept: columns.length, total });
      const positions = kind === 'Conv2D' ? (outShape[1] ?? 1) * (outShape[2] ?? 1) : 1;
      kept = { channels: columns, totalChannels: total, positions };
    } else if (kind === 'BatchNormalization' && kept) {
      const values = sourceLayer(source, layer.name, context)
        .getWeights()
        .map((w) => tf.tensor(Float32Array.from(kept!.channels, (c) => w.dataSync()[c]!)));
      layer.setWeights(values);
      tf.dispose(values);
    } else if (kept && (kind.endsWith('Pooling2D') || kind === 'Flatten')) {
      // Pooling changes the spatial size; flatten keeps it; channels stay the same either way.
      const positions = kind.startsWith('Global')
        ? 1
        : outShape.length === 4
          ? (outShape[1] ?? 1) * (outShape[2] ?? 1)
          : kept.positions;
      kept = { ...kept, positions };
    }
  });
  return { layers: copied };
}
