/**
 * The `modelTopology` of a TF.js Layers model.json: the layer graph of a Sequential or functional model
 * (also the `model_config` wrapper Keras converters write), its input shape, and per-layer parameter
 * counts from the weights manifest. A functional model with several inputs is refused: the data reaches
 * a teacher as one tensor.
 */
import type { LayerDef } from './layer-def';
import { kerasLayerDef } from './keras-layers';

type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface LayersTopology {
  readonly defs: readonly LayerDef[];
  /** Per-example input shape (batch dimension dropped); undefined when the file does not say. */
  readonly inputShape?: readonly number[];
  /** Every layer's name and Keras class, input layers included, in file order. */
  readonly layers: readonly { readonly name: string; readonly className: string }[];
}

export type TopologyResult =
  { readonly ok: true; readonly topology: LayersTopology } | { readonly ok: false; readonly message: string };

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
  visit(nodes[0]);
  return names.length ? names : undefined;
}

/** Names in a functional config's `input_layers` or `output_layers` (`[[name, 0, 0], ...]`, or one `[name, 0, 0]`). */
function endpointNames(config: unknown, key: 'input_layers' | 'output_layers'): string[] {
  const list = isObject(config) ? config[key] : undefined;
  if (!Array.isArray(list)) return [];
  if (typeof list[0] === 'string') return [list[0]];
  return list.flatMap((entry) => (Array.isArray(entry) && typeof entry[0] === 'string' ? [entry[0]] : []));
}

const layerName = (entry: Json & { config: Json }): string | undefined =>
  typeof entry.config.name === 'string' ? entry.config.name : typeof entry.name === 'string' ? entry.name : undefined;

export function readLayersTopology(raw: unknown, params: ReadonlyMap<string, number>): TopologyResult {
  let topology = raw;
  if (isObject(topology) && isObject(topology.model_config)) topology = topology.model_config;
  if (!isObject(topology)) return { ok: false, message: 'it has no `modelTopology`.' };
  const className = topology.class_name;
  const config = topology.config;
  const layerList = Array.isArray(config) ? config : isObject(config) ? config.layers : undefined;
  if (!Array.isArray(layerList) || layerList.length === 0)
    return { ok: false, message: `its ${String(className)} topology lists no layers.` };
  const inputs = endpointNames(config, 'input_layers');
  if (inputs.length > 1)
    return {
      ok: false,
      message: `it has ${inputs.length} inputs (${inputs.join(', ')}); a teacher takes the data as one input.`,
    };
  const outputs = endpointNames(config, 'output_layers');
  if (outputs.length > 1)
    return {
      ok: false,
      message: `it has ${outputs.length} outputs (${outputs.join(', ')}); a teacher gives its class logits as one output.`,
    };
  const functional = className !== 'Sequential';
  const defs: LayerDef[] = [];
  const layers: { name: string; className: string }[] = [];
  let inputShape: number[] | undefined;
  for (const [index, entry] of layerList.entries()) {
    if (!isObject(entry) || typeof entry.class_name !== 'string' || !isObject(entry.config))
      return { ok: false, message: `layer ${index} has no \`class_name\` and \`config\`.` };
    const name = layerName(entry as Json & { config: Json });
    if (name !== undefined) layers.push({ name, className: entry.class_name });
    inputShape ??= shapeFrom(entry.config);
    if (entry.class_name === 'InputLayer') continue;
    const made = kerasLayerDef(entry.class_name, entry.config, name, functional ? inboundNames(entry) : undefined);
    if (!made.ok) return { ok: false, message: `layer ${name ?? index}: ${made.message}` };
    const fromManifest = name !== undefined ? params.get(name) : undefined;
    defs.push(fromManifest !== undefined ? { ...made.def, manifestParams: fromManifest } : made.def);
  }
  if (defs.length === 0) return { ok: false, message: 'it has only input layers.' };
  return { ok: true, topology: { defs, layers, ...(inputShape ? { inputShape } : {}) } };
}
