/**
 * The one reader of a TF.js `model.json` (plain JSON; no TensorFlow.js needed), used by `check`, the
 * language server, `inspect` and the trainer alike, so they accept and refuse the same files: a Layers
 * model's layer graph and input shape or a graph model's nodes, the weights manifest (paths kept inside the model's folder) and where each
 * layer is declared in the text (for go to definition).
 */
import { type GraphTopology, readGraphTopology } from './graph-topology';
import { isObject, readLayersTopology } from './layers-topology';
import type { LayerDef } from './layer-def';
import { paramsByOwner, readWeightsManifest, type WeightsManifest } from './weights-manifest';

export interface DeclaredLayer {
  readonly name: string;
  /** Keras class name (`Dense`, `Conv2D`, ...). */
  readonly className: string;
  /** Offset of the layer's `"name": "..."` entry in the file text. */
  readonly offset: number;
}

interface ModelJsonBase {
  readonly manifest: WeightsManifest;
  /** Every named layer (input layers included) or graph node, in file order. */
  readonly declared: readonly DeclaredLayer[];
  /** The `modelTopology` exactly as written, for TF.js to build the model from. */
  readonly topology: object;
}

export interface LayersModelJson extends ModelJsonBase {
  readonly format: 'layers-model';
  readonly defs: readonly LayerDef[];
  /** Per-example input shape (batch dimension dropped); undefined when the file does not say. */
  readonly inputShape?: readonly number[];
}

export interface GraphModelJson extends ModelJsonBase {
  readonly format: 'graph-model';
  readonly graph: GraphTopology;
  /** The converter's `signature` (input and output names), as written. */
  readonly signature?: object;
}

export type ModelJson = LayersModelJson | GraphModelJson;

export type ModelJsonResult =
  { readonly ok: true; readonly model: ModelJson } | { readonly ok: false; readonly message: string };

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Offsets of each layer's `"name": "<name>"` entry, searched in file order. */
function declarations(text: string, layers: readonly { name: string; className: string }[]): DeclaredLayer[] {
  let searchFrom = 0;
  return layers.map(({ name, className }) => {
    const pattern = new RegExp(`"name"\\s*:\\s*${escapeRegExp(JSON.stringify(name))}`, 'g');
    pattern.lastIndex = searchFrom;
    const match = pattern.exec(text) ?? ((pattern.lastIndex = 0), pattern.exec(text));
    if (match) searchFrom = match.index + match[0].length;
    return { name, className, offset: match?.index ?? 0 };
  });
}

export function readModelJson(text: string): ModelJsonResult {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `it is not valid JSON (${error instanceof Error ? error.message : String(error)}).` };
  }
  if (!isObject(root)) return { ok: false, message: 'it is not a JSON object.' };
  if (!isObject(root.modelTopology))
    return { ok: false, message: 'it has no `modelTopology` (is it a TF.js model.json?).' };
  const manifest = readWeightsManifest(root.weightsManifest);
  if (root.format === 'graph-model' || Array.isArray(root.modelTopology.node)) {
    if (!manifest.ok) return manifest;
    const read = readGraphTopology(root.modelTopology, root.signature, manifest.manifest.weights);
    if (!read.ok) return read;
    const nodes = read.graph.nodes.map((n) => ({ name: n.name, className: n.op }));
    return {
      ok: true,
      model: {
        format: 'graph-model',
        graph: read.graph,
        manifest: manifest.manifest,
        declared: declarations(text, nodes),
        topology: root.modelTopology,
        ...(isObject(root.signature) ? { signature: root.signature } : {}),
      },
    };
  }
  const params = manifest.ok ? paramsByOwner(manifest.manifest.weights) : new Map<string, number>();
  // The topology's own faults first: they say more about a broken file than a missing manifest does.
  const topology = readLayersTopology(root.modelTopology, params);
  if (!topology.ok) return topology;
  if (!manifest.ok) return manifest;
  const { defs, inputShape, layers } = topology.topology;
  return {
    ok: true,
    model: {
      format: 'layers-model',
      defs,
      ...(inputShape ? { inputShape } : {}),
      manifest: manifest.manifest,
      declared: declarations(text, layers),
      topology: root.modelTopology,
    },
  };
}
