/**
 * A teacher given as a TF.js model.json (a Layers model or a graph model), read through the one reader:
 * problems with the file (unreadable, refused, weight files missing) and with its fit to the data (input
 * size, logits width), and what the summaries need: layer defs, or a graph model's ready summary.
 */
import * as path from '../paths/file-path';
import type { ConfigFileSystem } from '../analysis/file-system';
import type { Problem } from '../analysis/problem';
import type { DatasetInfo } from '../data/dataset-info';
import { formatShape } from '../format/numbers';
import { graphOutputWidth, summarizeGraph } from './graph-summary';
import type { LayerDef } from './layer-def';
import { product } from './layer-math';
import { readModelJson } from './model-json';
import type { ModelSummary } from './summary-types';

export interface TeacherDefs {
  /** Layer defs (Layers models, config layers); undefined for a graph model, which has operations instead. */
  readonly defs?: readonly LayerDef[];
  readonly inputShape: readonly number[];
  readonly origin: ModelSummary['origin'];
  /** Ready-made summary (graph models). */
  readonly summary?: ModelSummary;
}

export const MODEL = ['teacher', 'model'] as const;

function inputMismatch(file: string, shape: readonly number[], dataset: DatasetInfo): Problem | undefined {
  if (product(shape) === product(dataset.inputShape)) return undefined;
  return {
    code: 'shape-mismatch',
    path: MODEL,
    message: `Teacher model ${file} expects inputs of shape ${formatShape(shape)} (${product(shape)} values) but ${dataset.name} examples have shape ${formatShape(dataset.inputShape)} (${product(dataset.inputShape)} values).`,
  };
}

/** True when `file` is a symbolic link (or inside a linked folder) leading out of `folder`. */
function linksOutside(fs: ConfigFileSystem, folder: string, file: string): boolean {
  const realFolder = fs.realPath?.(folder);
  const real = fs.realPath?.(file);
  if (realFolder === undefined || real === undefined) return false;
  const inside = path.relative(realFolder, real);
  return inside.startsWith('..') || path.isAbsolute(inside);
}

export function teacherFromModelJson(
  file: string,
  fs: ConfigFileSystem,
  resolve: (p: string) => string,
  dataset: DatasetInfo | undefined,
  problems: Problem[],
): TeacherDefs | undefined {
  const absolute = resolve(file);
  const text = fs.kind(absolute) === 'file' ? fs.readText(absolute) : undefined;
  if (text === undefined) {
    problems.push({
      code: 'missing-file',
      path: MODEL,
      message:
        fs.readProblem?.(absolute) ?? `Teacher model not found: ${file} (paths are relative to the config file).`,
    });
    return undefined;
  }
  const read = readModelJson(text);
  if (!read.ok) {
    problems.push({
      code: 'missing-file',
      path: MODEL,
      message: `Teacher model ${file} cannot be used: ${read.message}`,
    });
    return undefined;
  }
  const folder = path.dirname(absolute);
  const missing = read.model.manifest.files.filter((w) => fs.kind(path.resolve(folder, w)) !== 'file');
  if (missing.length) {
    problems.push({
      code: 'missing-file',
      path: MODEL,
      message: `Teacher model ${file} names ${missing.length > 1 ? 'weight files that do' : 'a weight file that does'} not exist beside it: ${missing.join(', ')}.`,
    });
  }
  const outside = read.model.manifest.files.filter((w) => linksOutside(fs, folder, path.resolve(folder, w)));
  if (outside.length) {
    problems.push({
      code: 'missing-file',
      path: MODEL,
      message: `Teacher model ${file} names ${outside.length > 1 ? 'weight files that link' : 'a weight file that links'} to a file outside the model's folder: ${outside.join(', ')}; weight files must be inside the model's folder.`,
    });
  }
  const model = read.model;
  const ownShape = model.format === 'graph-model' ? model.graph.input.shape : model.inputShape;
  const inputShape = ownShape ?? dataset?.inputShape;
  if (!inputShape) return undefined;
  const mismatch = dataset && ownShape ? inputMismatch(file, ownShape, dataset) : undefined;
  if (mismatch) {
    problems.push(mismatch);
    return undefined;
  }
  if (model.format === 'layers-model') return { defs: model.defs, inputShape, origin: 'model.json' };
  const output = model.graph.outputs[0]!;
  const width = graphOutputWidth(model.graph, output);
  const classes = dataset?.classNames.length;
  if (classes !== undefined && width !== 0 && width !== classes) {
    problems.push({
      code: 'shape-mismatch',
      path: MODEL,
      message: `Teacher model ${file}: its output node \`${output}\` gives ${width} values per example, but ${dataset!.name} has ${classes} classes (one logit per class is needed).`,
    });
  }
  return { inputShape, origin: 'graph-model', summary: summarizeGraph(model.graph, inputShape, MODEL) };
}
