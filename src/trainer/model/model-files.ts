/**
 * TF.js Layers format on disk (model.json + weights.bin), written and read with plain file I/O: the pure-JS
 * tfjs package has no file:// handler. Loading checks every piece and says which one is missing or corrupt.
 */
import * as fs from 'node:fs';
import { readBinaryFile, readTextFile } from '../../node/file-system';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { TrainerError } from '../run/errors';
import type { RunFiles } from '../run/run-files';
import { type LayersModelJson, type ModelJson, readModelJson } from '../../core/model/model-json';

interface SavedModelJson {
  readonly format?: string;
  readonly generatedBy?: string;
  readonly modelTopology: object;
  readonly weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  readonly distillery?: Record<string, unknown>;
}

function concat(data: ArrayBuffer | ArrayBuffer[]): Uint8Array {
  if (!Array.isArray(data)) return new Uint8Array(data);
  const total = data.reduce((n, b) => n + b.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const b of data) {
    out.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return out;
}

/** Saves `model` into `dir` (created) through the run's writer; returns the weight bytes written. */
export async function saveModel(
  model: tf.LayersModel,
  dir: string,
  files: RunFiles,
  extra?: Record<string, unknown>,
): Promise<Uint8Array> {
  let weights: Uint8Array = new Uint8Array();
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      weights = concat(artifacts.weightData ?? new ArrayBuffer(0));
      const json: SavedModelJson = {
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers} (Distillery)`,
        modelTopology: artifacts.modelTopology as object,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
        ...(extra ? { distillery: extra } : {}),
      };
      files.writeFile(path.join(dir, 'weights.bin'), weights);
      files.writeFile(path.join(dir, 'model.json'), JSON.stringify(json));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return weights;
}

/** Reads model.json through core's reader (the one `check` uses), with errors naming the file. */
function readJson(file: string, shown: string): { json: ModelJson; text: string } {
  if (!fs.existsSync(file))
    throw new TrainerError(
      `${shown}: model file not found.`,
      'Check teacher.model: it must point to a TF.js model.json (relative to the config file).',
    );
  const text = readTextFile(file, 'model');
  const read = readModelJson(text);
  if (!read.ok)
    throw new TrainerError(
      `${shown}: ${read.message}`,
      'The model.json is not one Distillery can load; export the model again (model.save in TF.js or tensorflowjs_converter).',
    );
  return { json: read.model, text };
}

/**
 * The bytes of every weight file, in manifest order. Manifest paths are already kept inside the folder as
 * text; resolving symbolic links here keeps them inside on disk as well.
 */
function readWeightFiles(dir: string, json: ModelJson, shown: string): { data: Uint8Array; sizes: number[] } {
  const folder = fs.realpathSync(dir);
  const chunks: Uint8Array[] = [];
  for (const name of json.manifest.files) {
    const weightFile = path.join(dir, name);
    const listed = path.join(path.dirname(shown), name);
    if (!fs.existsSync(weightFile))
      throw new TrainerError(
        `${listed}: weight file listed in ${shown} is missing.`,
        'Copy the weights file next to model.json.',
      );
    const real = fs.realpathSync(weightFile);
    if (path.relative(folder, real).startsWith('..') || path.isAbsolute(path.relative(folder, real)))
      throw new TrainerError(
        `${listed}: weight file listed in ${shown} links to a file outside the model's folder.`,
        "Copy the weights file itself into the model's folder.",
      );
    chunks.push(readBinaryFile(real, 'weights'));
  }
  const data = concat(chunks.map((c) => c.buffer.slice(c.byteOffset, c.byteOffset + c.byteLength) as ArrayBuffer));
  if (data.byteLength !== json.manifest.bytes) {
    throw new TrainerError(
      `${shown}: the weight files hold ${data.byteLength} bytes but the manifest needs ${json.manifest.bytes}; they are truncated or belong to another model.`,
      'Export the model again so model.json and its weights match.',
    );
  }
  return { data, sizes: chunks.map((c) => c.byteLength) };
}

export interface ModelFiles {
  /** What core's reader made of model.json (the reading `check` does). */
  readonly json: ModelJson;
  /** model.json as written, and the weight files' bytes in manifest order. */
  readonly text: string;
  readonly weights: Uint8Array;
  /** Bytes of each weight file, in manifest order. */
  readonly fileSizes: readonly number[];
}

/** model.json and its weights, every piece checked, errors naming the broken file. */
export function readModelFiles(file: string, shown: string = file): ModelFiles {
  const { json, text } = readJson(file, shown);
  const { data, sizes } = readWeightFiles(path.dirname(file), json, shown);
  return { json, text, weights: data, fileSizes: sizes };
}

export interface LoadedModel {
  readonly model: tf.LayersModel;
  readonly json: LayersModelJson;
}

/** Loads a Layers model from model.json + its weight files, with errors naming the broken file. */
export async function loadModel(file: string, shown: string = file): Promise<LoadedModel> {
  return layersModelFrom(readModelFiles(file, shown), shown);
}

/** Builds the Layers model of files already read (a graph model is refused). */
export async function layersModelFrom(files: ModelFiles, shown: string): Promise<LoadedModel> {
  const { json, weights } = files;
  if (json.format !== 'layers-model')
    throw new TrainerError(`${shown}: a TF.js graph model, where a Layers model is needed.`);
  try {
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: json.topology,
        weightSpecs: json.manifest.weights as tf.io.WeightsManifestEntry[],
        weightData: weights.buffer as ArrayBuffer,
      }),
    );
    return { model, json };
  } catch (error) {
    throw new TrainerError(
      `${shown}: TF.js could not build the model (${error instanceof Error ? error.message : String(error)}).`,
      'Check that the model uses standard Keras/TF.js layers.',
    );
  }
}
