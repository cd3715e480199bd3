/**
 * The `modelTopology` of a TF.js graph model (what `tensorflowjs_converter` writes from a SavedModel): a
 * TensorFlow GraphDef in JSON, one node per operation. Read without running it: the input (a Placeholder),
 * the outputs (the `signature`, else the nodes nothing consumes), every node's inputs, the parameters it
 * owns (the float weights of the manifest it reads) and, for the common operations, its output shape.
 */
import { isObject } from './layers-topology';
import { product, windowOutput } from './layer-math';
import type { WeightSpec } from './weights-manifest';

export interface GraphNode {
  readonly name: string;
  readonly op: string;
  /** Names of the nodes it reads (`:N` output indices and `^` control edges removed). */
  readonly inputs: readonly string[];
  /** Float weights of the manifest this node reads directly. */
  readonly params: number;
  /** Per-example output shape, when it can be worked out from the file alone. */
  readonly shape?: readonly number[];
}

export interface GraphTopology {
  readonly input: { readonly name: string; readonly shape?: readonly number[] };
  /** Output node names (first: the logits by default). */
  readonly outputs: readonly string[];
  /** Every operation except constants, in file order. */
  readonly nodes: readonly GraphNode[];
}

export type GraphResult =
  { readonly ok: true; readonly graph: GraphTopology } | { readonly ok: false; readonly message: string };

type Json = Record<string, unknown>;

const nodeName = (ref: string): string => ref.replace(/^\^/, '').replace(/:\d+$/, '');

/** Per-example shape from a TensorShapeProto in JSON (`{dim: [{size: "-1"}, {size: "784"}]}`). */
function exampleShape(proto: unknown): number[] | undefined {
  const dims = isObject(proto) && Array.isArray(proto.dim) ? proto.dim : undefined;
  if (!dims) return undefined;
  const sizes = dims.map((d) => (isObject(d) ? Number(d.size ?? 1) : NaN)).slice(1);
  return sizes.every((d) => Number.isInteger(d) && d > 0) ? sizes : undefined;
}

const attr = (node: Json, key: string): Json | undefined =>
  isObject(node.attr) && isObject(node.attr[key]) ? node.attr[key] : undefined;

/** An attribute's string (`{s: base64}`), a list of ints (`{list: {i: ["1", "2"]}}`) or a bool (`{b: true}`). */
const attrText = (node: Json, key: string): string | undefined => {
  const s = attr(node, key)?.s;
  if (typeof s !== 'string') return undefined;
  try {
    return atob(s);
  } catch {
    return undefined;
  }
};
const attrInts = (node: Json, key: string): number[] | undefined => {
  const list = attr(node, key)?.list;
  return isObject(list) && Array.isArray(list.i) ? list.i.map(Number) : undefined;
};

const PASS_THROUGH = new Set([
  'Identity',
  'BiasAdd',
  'Relu',
  'Relu6',
  'Elu',
  'Selu',
  'Sigmoid',
  'Tanh',
  'Softmax',
  'LogSoftmax',
  'LeakyRelu',
  'Prelu',
  'Add',
  'AddV2',
  'Sub',
  'Mul',
  'Maximum',
  'Minimum',
  'FusedBatchNorm',
  'FusedBatchNormV3',
  'Softplus',
]);

/** Output shape of the common operations, from the input's shape and the weights' shapes. */
function outputShape(
  node: Json,
  op: string,
  inputs: readonly string[],
  shapes: ReadonlyMap<string, readonly number[]>,
  weights: ReadonlyMap<string, WeightSpec>,
): readonly number[] | undefined {
  const input = shapes.get(inputs[0] ?? '');
  const second = weights.get(inputs[1] ?? '')?.shape;
  if (PASS_THROUGH.has(op)) return input;
  if ((op === 'MatMul' || op === '_FusedMatMul') && input && second?.length === 2) {
    const units = attr(node, 'transpose_b')?.b === true ? second[0]! : second[1]!;
    return [...input.slice(0, -1), units];
  }
  const conv = op === 'Conv2D' || op === '_FusedConv2D';
  const depthwise = op === 'DepthwiseConv2dNative' || op === 'FusedDepthwiseConv2dNative';
  const pool = op === 'MaxPool' || op === 'AvgPool';
  if ((conv || depthwise || pool) && input?.length === 3) {
    const window = pool ? attrInts(node, 'ksize')?.slice(1, 3) : second?.slice(0, 2);
    const strides = attrInts(node, 'strides') ?? [1, 1, 1, 1];
    const padding = attrText(node, 'padding') === 'SAME' ? 'same' : 'valid';
    if (!window || window.length < 2) return undefined;
    const h = windowOutput(input[0]!, window[0]!, strides[1] ?? 1, padding);
    const w = windowOutput(input[1]!, window[1]!, strides[2] ?? 1, padding);
    const channels = pool ? input[2]! : conv ? second?.[3] : input[2]! * (second?.[3] ?? 1);
    return channels ? [h, w, channels] : undefined;
  }
  // A flatten becomes Reshape(x, [-1, n]): a two-element shape constant means one axis per example.
  if (op === 'Reshape' && input && weights.get(inputs[1] ?? '')?.shape[0] === 2) return [product(input)];
  return undefined;
}

function signatureOutputs(signature: unknown): string[] {
  const outputs = isObject(signature) && isObject(signature.outputs) ? Object.values(signature.outputs) : [];
  return outputs.flatMap((o) => (isObject(o) && typeof o.name === 'string' ? [nodeName(o.name)] : []));
}

export function readGraphTopology(topology: Json, signature: unknown, manifest: readonly WeightSpec[]): GraphResult {
  const raw = Array.isArray(topology.node) ? topology.node : [];
  const weights = new Map(manifest.map((w) => [w.name, w]));
  const shapes = new Map<string, readonly number[]>();
  const nodes: GraphNode[] = [];
  const placeholders: { name: string; shape?: readonly number[] }[] = [];
  const consumed = new Set<string>();
  for (const [index, entry] of raw.entries()) {
    if (!isObject(entry) || typeof entry.name !== 'string' || typeof entry.op !== 'string')
      return { ok: false, message: `graph node ${index + 1} has no \`name\` and \`op\`.` };
    const inputs = (Array.isArray(entry.input) ? entry.input : []).filter((i) => typeof i === 'string').map(nodeName);
    inputs.forEach((i) => consumed.add(i));
    if (entry.op === 'Const') continue;
    const params = inputs.reduce((n, i) => {
      const w = weights.get(i);
      return n + (w && w.dtype === 'float32' ? product(w.shape) : 0);
    }, 0);
    const shape =
      entry.op === 'Placeholder'
        ? exampleShape(attr(entry, 'shape')?.shape)
        : outputShape(entry, entry.op, inputs, shapes, weights);
    if (shape) shapes.set(entry.name, shape);
    if (entry.op === 'Placeholder') placeholders.push({ name: entry.name, ...(shape ? { shape } : {}) });
    nodes.push({ name: entry.name, op: entry.op, inputs, params, ...(shape ? { shape } : {}) });
  }
  if (placeholders.length === 0) return { ok: false, message: 'its graph has no input (Placeholder) node.' };
  if (placeholders.length > 1)
    return {
      ok: false,
      message: `it has ${placeholders.length} inputs (${placeholders.map((p) => p.name).join(', ')}); a teacher takes the data as one input.`,
    };
  const fromSignature = signatureOutputs(signature);
  const outputs = fromSignature.length
    ? fromSignature
    : nodes.filter((n) => !consumed.has(n.name) && n.op !== 'NoOp' && n.op !== 'Placeholder').map((n) => n.name);
  if (outputs.length === 0) return { ok: false, message: 'its graph has no output node.' };
  return { ok: true, graph: { input: placeholders[0]!, outputs, nodes } };
}
