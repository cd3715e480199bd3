/**
 * Layer names (and where each is declared) in a TF.js Layers `model.json`, for completion and go to
 * definition of `distillation.features[].teacher`. Reads only the JSON topology, never the weights.
 */

export interface ModelJsonLayer {
  readonly name: string;
  /** Keras class name (`Dense`, `Conv2D`, ...). */
  readonly className: string;
  /** Offset of the layer's `"name": "..."` entry in the file text, for go to definition. */
  readonly offset: number;
}

type Json = unknown;

function field(value: Json, key: string): Json {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, Json>)[key] : undefined;
}

/** The layer list of a Sequential or functional topology, in either `modelTopology` layout TF.js writes. */
function layerList(model: Json): readonly Json[] {
  const topology = field(model, 'modelTopology') ?? model;
  const config = field(field(topology, 'model_config') ?? topology, 'config');
  const layers = Array.isArray(config) ? config : field(config, 'layers');
  return Array.isArray(layers) ? layers : [];
}

export function modelJsonLayers(text: string): ModelJsonLayer[] {
  let model: Json;
  try {
    model = JSON.parse(text);
  } catch {
    return [];
  }
  const out: ModelJsonLayer[] = [];
  let searchFrom = 0;
  for (const layer of layerList(model)) {
    const name = field(field(layer, 'config'), 'name') ?? field(layer, 'name');
    if (typeof name !== 'string') continue;
    const className = field(layer, 'class_name');
    const pattern = new RegExp(`"name"\\s*:\\s*${JSON.stringify(name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'g');
    pattern.lastIndex = searchFrom;
    const match = pattern.exec(text) ?? ((pattern.lastIndex = 0), pattern.exec(text));
    const offset = match?.index ?? 0;
    if (match) searchFrom = match.index + match[0].length;
    out.push({ name, className: typeof className === 'string' ? className : 'Layer', offset });
  }
  return out;
}
