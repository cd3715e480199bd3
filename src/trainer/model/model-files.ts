/**
 * TF.js Layers format on disk (model.json + weights.bin), written and read with plain file I/O: the pure-JS
 * tfjs package has no file:// handler. Loading checks every piece and says which one is missing or corrupt.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { TrainerError } from '../run/errors';
import type { RunFiles } from '../run/run-files';

export interface ModelJson {
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
      const json: ModelJson = {
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

function readModelJson(file: string, shown: string): ModelJson {
  if (!fs.existsSync(file))
    throw new TrainerError(
      `${shown}: model file not found.`,
      'Check teacher.model: it must point to a TF.js Layers model.json (relative to the config file).',
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new TrainerError(
      `${shown}: not valid JSON (${error instanceof Error ? error.message : String(error)}).`,
      'The model.json is corrupt; export the model again (model.save in TF.js or tensorflowjs_converter).',
    );
  }
  const json = parsed as Partial<ModelJson> | null;
  if (!json || typeof json !== 'object' || !json.modelTopology || !Array.isArray(json.weightsManifest)) {
    throw new TrainerError(
      `${shown}: not a TF.js Layers model (needs modelTopology and weightsManifest).`,
      'Graph models (from SavedModel) cannot be distilled from here; export a Layers model.',
    );
  }
  return json as ModelJson;
}

/** Loads a Layers model from model.json + its weight files, with errors naming the broken file. */
export async function loadModel(file: string, shown: string = file): Promise<tf.LayersModel> {
  const json = readModelJson(file, shown);
  const dir = path.dirname(file);
  const specs = json.weightsManifest.flatMap((group) => group.weights);
  const chunks: Uint8Array[] = [];
  for (const group of json.weightsManifest) {
    for (const name of group.paths) {
      const weightFile = path.join(dir, name);
      if (!fs.existsSync(weightFile))
        throw new TrainerError(
          `${path.join(path.dirname(shown), name)}: weight file listed in ${shown} is missing.`,
          'Copy the weights file next to model.json.',
        );
      chunks.push(fs.readFileSync(weightFile));
    }
  }
  const data = concat(chunks.map((c) => c.buffer.slice(c.byteOffset, c.byteOffset + c.byteLength) as ArrayBuffer));
  const expected = specs.reduce((n, s) => {
    const count = s.shape.reduce((a, b) => a * b, 1);
    const width = s.quantization
      ? s.quantization.dtype === 'float16' || s.quantization.dtype === 'uint16'
        ? 2
        : 1
      : 4;
    return n + count * width;
  }, 0);
  if (data.byteLength !== expected) {
    throw new TrainerError(
      `${shown}: the weight files hold ${data.byteLength} bytes but the manifest needs ${expected}; they are truncated or belong to another model.`,
      'Export the model again so model.json and its weights match.',
    );
  }
  try {
    return await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs: specs,
        weightData: data.buffer as ArrayBuffer,
      }),
    );
  } catch (error) {
    throw new TrainerError(
      `${shown}: TF.js could not build the model (${error instanceof Error ? error.message : String(error)}).`,
      'Check that the model uses standard Keras/TF.js layers.',
    );
  }
}
