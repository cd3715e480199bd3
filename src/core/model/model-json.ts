/**
 * Reads a TF.js Layers `model.json` (plain JSON; no TensorFlow.js needed): the layer graph of a
 * Sequential or functional `modelTopology` (also the `model_config` wrapper Keras converters write), the
 * input shape, the weight files named by `weightsManifest` and per-layer parameter counts from the
 * manifest's weight shapes.
 */
import type { LayerDef } from './layer-def';
import { kerasLayerDef } from './keras-layers';
import { product } from './layer-math';

export interface ModelJson {
  readonly defs: readonly LayerDef[];
  /** Per-example input shape (batch dimension dropped); undefined when the file does not say. */
  readonly inputShape?: readonly number[];
  /** Weight file paths exactly as written in the manifest (relative to the model.json folder). */
  readonly weightFiles: readonly string[];
}

export type ModelJsonResult =
  { readonly ok: true; readonly model: ModelJson } | { readonly ok: false; readonly message: string };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function shapeFrom(config: Json): number[] | undefined {
  const raw = config.batch_input_shape ?? config.batch_shape ?? config.batchInputShape;
  if (Array.isArray(raw) && raw.length >= 2 && raw.slice(1).every((d) => typeof d === 'number'))
    return raw.slice(1) as number[];
  const input = config.input_shape ?? config.inputShape;
  if (Array.isArray(input) && input.every((d) => typeof d === 'number')) return input as number[];
  return undefined;
}

/** Names of the layers feeding a functional layer (Keras 2 nested-array and Keras 3 `args` forms). */
function inboundNames(layer: Json): string[] | undefined {
  const nodes = layer.inbound_nodes;
  if (!Array.isArray(nodes) || nodes.length === 0) return undefined;
  const first: unknown = nodes[0];
  const names: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      if (typeof value[0] === 'string' && typeof value[1] === 'number') {
        names.push(value[0]);
        return;
      }
      value.forEach(visit);
    } else if (isObject(value)) {
      const history = isObject(value.config) ? value.config.keras_history : undefined;
      if (Array.isArray(history) && typeof history[0] === 'string') {
        names.push(history[0]);
        return;
      }
      Object.values(value).forEach(visit);
    }
  };
  visit(first);
  return names.length ? names : undefined;
}

/** Parameter counts by layer name, from the manifest's weight shapes (`<layer>/kernel`, `<model>/<layer>/bias`). */
function manifestParams(manifest: unknown): { params: Map<string, number>; files: string[] } {
  const params = new Map<string, number>();
  const files: string[] = [];
  if (!Array.isArray(manifest)) return { params, files };
  for (const group of manifest) {
    if (!isObject(group)) continue;
    if (Array.isArray(group.paths)) files.push(...group.paths.filter((p): p is string => typeof p === 'string'));
    for (const weight of Array.isArray(group.weights) ? group.weights : []) {
      if (!isObject(weight) || typeof weight.name !== 'string' || !Array.isArray(weight.shape)) continue;
      const owners = weight.name.split('/').slice(0, -1);
      const count = product(weight.shape.filter((d): d is number => typeof d === 'number'));
      for (const owner of owners) params.set(owner, (params.get(owner) ?? 0) + count);
    }
  }
  return { params, files };
}

export function readModelJson(text: string): ModelJsonResult {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `it is not valid JSON (${error instanceof Error ? error.message : String(error)}).` };
  }
  if (!isObject(root)) return { ok: false, message: 'it is not a JSON object.' };
  let topology = root.modelTopology;
  if (isObject(topology) && isObject(topology.model_config)) topology = topology.model_config;
  if (!isObject(topology))
    return {
      ok: false,
      message: 'it has no `modelTopology` (is it a TF.js Layers model? Graph models cannot be summarised).',
    };
  const className = topology.class_name;
  const config = topology.config;
  const layerList = Array.isArray(config) ? config : isObject(config) ? config.layers : undefined;
  if (!Array.isArray(layerList) || layerList.length === 0)
    return { ok: false, message: `its ${String(className)} topology lists no layers.` };
  const functional = className !== 'Sequential';
  const { params, files } = manifestParams(root.weightsManifest);
  const defs: LayerDef[] = [];
  let inputShape: number[] | undefined;
  for (const [index, entry] of layerList.entries()) {
    if (!isObject(entry) || typeof entry.class_name !== 'string' || !isObject(entry.config)) {
      return { ok: false, message: `layer ${index} has no \`class_name\` and \`config\`.` };
    }
    inputShape ??= shapeFrom(entry.config);
    if (entry.class_name === 'InputLayer') continue;
    const name =
      typeof entry.config.name === 'string'
        ? entry.config.name
        : typeof entry.name === 'string'
          ? entry.name
          : undefined;
    const inputs = functional ? inboundNames(entry) : undefined;
    const made = kerasLayerDef(entry.class_name, entry.config, name, inputs);
    if (!made.ok) return { ok: false, message: `layer ${name ?? index}: ${made.message}` };
    const fromManifest = name !== undefined ? params.get(name) : undefined;
    defs.push(fromManifest !== undefined ? { ...made.def, manifestParams: fromManifest } : made.def);
  }
  if (defs.length === 0) return { ok: false, message: 'it has only input layers.' };
  return { ok: true, model: { defs, weightFiles: files, ...(inputShape ? { inputShape } : {}) } };
}
