/**
 * A teacher from a TF.js model.json of either kind, as one tf.LayersModel that outputs logits:
 * - a Layers model (Sequential or functional): loaded with tf.loadLayersModel; a softmax dense output is
 *   replaced by the same layer without the softmax (exact logits), other softmax ends give log-probabilities;
 * - a graph model (tensorflowjs_converter's format): loaded with tf.loadGraphModel and wrapped; an output
 *   node that is a Softmax is read one node earlier, where its logits are.
 * Hint values are layers (Layers models) or node names (graph models).
 */
import * as tf from '@tensorflow/tfjs';
import type { GraphModelJson } from '../../core/model/model-json';
import type { LayerDef } from '../../core/model/layer-def';
import { bytesPerValue } from '../../core/model/weights-manifest';
import { didYouMean } from '../../core/text/did-you-mean';
import { TrainerError } from '../run/errors';
import type { RunFiles } from '../run/run-files';
import { type GraphExecutable, graphAsLayersModel } from './graph-model-layer';
import { withLogitOutput } from './logits-model';
import { layersModelFrom, type ModelFiles, readModelFiles, saveModel } from './model-files';

export interface LoadedTeacher {
  readonly model: tf.LayersModel;
  /** A Layers teacher's own model (before any reshape of the data), whose layers can be read by name. */
  readonly layers?: tf.LayersModel;
  /** Layer defs as core reads them (what `from_teacher` shrinks); undefined for graph models. */
  readonly defs?: readonly LayerDef[];
  /** True when the model outputs probabilities: their logarithm stands in for logits. */
  readonly outputsProbabilities: boolean;
  readonly warnings: readonly string[];
  /** A model with the teacher's input whose outputs are its logits, then each named hint value. */
  extract(names: readonly string[]): tf.LayersModel;
  /** Saves the teacher into the run folder `dir` as it was loaded (a graph model is copied as it is). */
  save(dir: string, files: RunFiles): Promise<Uint8Array>;
  /** Graph models' parameters (the float weights of the manifest); a Layers model counts its own. */
  readonly params?: { readonly params: number; readonly nonzeroParams: number };
}

/** Hint values of a Layers model: its layers' outputs. */
/** Extracts hint values of a Layers model (its logits output first, then the named layers' outputs). */
export function layerExtractor(model: tf.LayersModel, shown: string): (names: readonly string[]) => tf.LayersModel {
  return (names) =>
    tf.model({
      inputs: model.inputs,
      outputs: [model.outputs[0]!, ...names.map((name) => layerOutput(model, name, shown))],
    });
}

/** The softmax handling of a loaded Layers model: exact logits where it can, log-probabilities otherwise. */
function logitsOf(model: tf.LayersModel): { model: tf.LayersModel; outputsProbabilities: boolean; warnings: string[] } {
  const last = model.layers[model.layers.length - 1]?.getConfig() as { activation?: string } | undefined;
  if (last?.activation !== 'softmax') return { model, outputsProbabilities: false, warnings: [] };
  const logitModel = withLogitOutput(model);
  if (logitModel)
    return {
      model: logitModel,
      outputsProbabilities: false,
      warnings: [
        'The loaded teacher ends in a softmax dense layer; the same layer without the softmax provides its logits.',
      ],
    };
  return {
    model,
    outputsProbabilities: true,
    warnings: [
      'The loaded teacher ends in softmax; its log-probabilities are used as logits (equivalent up to a constant per example).',
    ],
  };
}

/**
 * `model` fed with examples of `dataShape`: reshaped first when the model takes the same values in another
 * shape (a teacher of flattened MNIST, [784], on [28, 28, 1] images), as `check` allows.
 */
function fedWith(model: tf.LayersModel, dataShape: readonly number[]): tf.LayersModel {
  const own = model.inputs[0]!.shape.slice(1);
  if (own.length === dataShape.length && own.every((d, i) => d === null || d === dataShape[i])) return model;
  const input = tf.input({ shape: [...dataShape] });
  const reshaped = tf.layers.reshape({ targetShape: own.map((d) => d ?? -1) }).apply(input) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: model.apply(reshaped) as tf.SymbolicTensor | tf.SymbolicTensor[] });
}

async function layersTeacher(files: ModelFiles, shown: string, dataShape: readonly number[]): Promise<LoadedTeacher> {
  const { model: loaded, json } = await layersModelFrom(files, shown);
  const { model, outputsProbabilities, warnings } = logitsOf(loaded);
  const extract = layerExtractor(model, shown);
  return {
    defs: json.defs,
    model: fedWith(model, dataShape),
    layers: model,
    extract: (names) => fedWith(extract(names), dataShape),
    outputsProbabilities,
    warnings,
    // Saved as loaded (without the reshape), so the run's copy loads like the original.
    save: (dir, runFiles) => saveModel(model, dir, runFiles, { role: 'teacher' }),
  };
}

function layerOutput(model: tf.LayersModel, name: string, shown: string): tf.SymbolicTensor {
  const names = model.layers.map((l) => l.name);
  if (!names.includes(name)) throw unknownValue('layer', name, names, shown);
  return model.getLayer(name).output as tf.SymbolicTensor;
}

function unknownValue(kind: string, name: string, known: readonly string[], shown: string): TrainerError {
  const suggestion = didYouMean(name, known);
  return new TrainerError(
    `distillation.features: the teacher${shown ? ` ${shown}` : ''} has no ${kind} named '${name}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''} Its ${kind}s: ${known.join(', ')}.`,
    'Name one of its values in the feature pair.',
  );
}

/** The node holding the logits: the output itself, or the input of a Softmax it ends in (through Identity nodes). */
function logitsNode(json: GraphModelJson): { node: string; skippedSoftmax: boolean } {
  const byName = new Map(json.graph.nodes.map((n) => [n.name, n]));
  const output = json.graph.outputs[0]!;
  let node = byName.get(output);
  while (node?.op === 'Identity' && node.inputs[0]) node = byName.get(node.inputs[0]);
  if (node?.op === 'Softmax' && node.inputs[0]) return { node: node.inputs[0], skippedSoftmax: true };
  return { node: output, skippedSoftmax: false };
}

function graphTeacher(
  files: ModelFiles & { json: GraphModelJson },
  shown: string,
  dataShape: readonly number[],
): LoadedTeacher {
  const { json, weights, fileSizes } = files;
  let graph: GraphExecutable;
  try {
    const modelJson: tf.io.ModelJSON = {
      modelTopology: json.topology,
      weightsManifest: [{ paths: [], weights: json.manifest.weights as tf.io.WeightsManifestEntry[] }],
    };
    graph = tf.loadGraphModelSync([
      modelJson,
      weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer,
    ]);
  } catch (error) {
    throw new TrainerError(
      `${shown}: TF.js could not load the graph model (${error instanceof Error ? error.message : String(error)}).`,
      'Convert the model again with tensorflowjs_converter.',
    );
  }
  const graphInput = json.graph.input.shape ?? dataShape;
  const nodeNames = json.graph.nodes.map((n) => n.name);
  const run = (nodes: readonly string[]): tf.LayersModel => {
    for (const node of nodes) if (!nodeNames.includes(node)) throw unknownValue('node', node, nodeNames, shown);
    try {
      return graphAsLayersModel(graph, graphInput, dataShape, nodes);
    } catch (error) {
      throw new TrainerError(
        `${shown}: TF.js could not run the graph model up to ${nodes.join(', ')} (${error instanceof Error ? error.message : String(error)}).`,
        'The graph may use an operation TF.js lacks; convert it again with tensorflowjs_converter.',
      );
    }
  };
  const logits = logitsNode(json);
  return {
    model: run([logits.node]),
    outputsProbabilities: false,
    warnings: logits.skippedSoftmax
      ? [`The graph model ends in a Softmax; its input node '${logits.node}' provides the logits.`]
      : [],
    extract: (names) => run([logits.node, ...names]),
    params: floatParams(json, weights),
    save(dir, runFiles) {
      runFiles.writeFile(`${dir}/model.json`, files.text);
      let offset = 0;
      // One file per manifest path; their bytes were read in the same order.
      json.manifest.files.forEach((name, i) => {
        runFiles.writeFile(`${dir}/${name}`, weights.subarray(offset, offset + fileSizes[i]!));
        offset += fileSizes[i]!;
      });
      return Promise.resolve(weights);
    },
  };
}

/** The float32 weights of a graph model's manifest: how many, and how many are not zero. */
function floatParams(json: GraphModelJson, weights: Uint8Array): { params: number; nonzeroParams: number } {
  let offset = 0;
  let params = 0;
  let nonzeroParams = 0;
  for (const w of json.manifest.weights) {
    const count = w.shape.reduce((a, b) => a * b, 1);
    const bytes = count * (bytesPerValue(w) ?? 4);
    if (w.dtype === 'float32' && !w.quantization) {
      params += count;
      const view = new DataView(weights.buffer, weights.byteOffset + offset, bytes);
      for (let i = 0; i < count; i++) if (view.getFloat32(i * 4, true) !== 0) nonzeroParams++;
    } else if (w.dtype === 'float32') {
      params += count;
      nonzeroParams += count;
    }
    offset += bytes;
  }
  return { params, nonzeroParams };
}

/** Loads the teacher at `file` (`shown` in messages); `dataShape` is the shape of the data's examples. */
export async function loadTeacher(file: string, shown: string, dataShape: readonly number[]): Promise<LoadedTeacher> {
  const files = readModelFiles(file, shown);
  if (files.json.format === 'graph-model')
    return graphTeacher(files as ModelFiles & { json: GraphModelJson }, shown, dataShape);
  return layersTeacher(files, shown, dataShape);
}
