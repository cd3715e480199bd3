/**
 * An ONNX model's graph read without running it: inputs and outputs with their shapes (symbolic sizes such as
 * `batch` kept as names), every value a node produces (with its shape where the file records one), and the
 * parameter count of each node from the initializers it reads.
 */
import { decodeModel, int64 } from './decode';
import type { onnx } from './onnx-proto';

/** A fixed size, a symbolic one (`batch`), or unknown (null). */
export type OnnxDim = number | string | null;

export interface OnnxValue {
  readonly name: string;
  /** Undefined when the file records no shape for this value. */
  readonly shape?: readonly OnnxDim[];
}

export interface OnnxNode {
  /** The node's name, or its first output when it has none. */
  readonly name: string;
  readonly opType: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** Parameters held in the initializers this node reads. */
  readonly params: number;
}

export interface OnnxGraph {
  /** Real inputs (initializers listed as inputs by old exporters are not). */
  readonly inputs: readonly OnnxValue[];
  readonly outputs: readonly OnnxValue[];
  /** Every value a node produces, in graph order, with its shape where known. */
  readonly values: readonly OnnxValue[];
  readonly nodes: readonly OnnxNode[];
  readonly params: number;
  readonly opset?: number;
  readonly producer?: string;
}

export type OnnxGraphResult =
  { readonly ok: true; readonly graph: OnnxGraph } | { readonly ok: false; readonly message: string };

function shapeOf(info: onnx.IValueInfoProto): OnnxDim[] | undefined {
  const dims = info.type?.tensorType?.shape?.dim;
  if (!dims) return undefined;
  return dims.map((d) => {
    const value = int64(d.dimValue);
    if (value !== undefined && value > 0) return value;
    return d.dimParam ? d.dimParam : null;
  });
}

function valueOf(info: onnx.IValueInfoProto): OnnxValue {
  const shape = shapeOf(info);
  return { name: info.name ?? '', ...(shape ? { shape } : {}) };
}

function elementCount(tensor: onnx.ITensorProto): number {
  return (tensor.dims ?? []).reduce<number>((n, d) => n * (int64(d) ?? 0), 1);
}

export function graphOf(model: onnx.IModelProto): OnnxGraph {
  const graph = model.graph ?? {};
  const initializers = new Map((graph.initializer ?? []).map((t) => [t.name ?? '', elementCount(t)]));
  const known = new Map<string, OnnxValue>();
  for (const info of [...(graph.valueInfo ?? []), ...(graph.output ?? [])]) known.set(info.name ?? '', valueOf(info));
  const counted = new Set<string>();
  const nodes: OnnxNode[] = (graph.node ?? []).map((node, index) => {
    const inputs = (node.input ?? []).filter((name) => name !== '');
    const outputs = (node.output ?? []).filter((name) => name !== '');
    let params = 0;
    for (const name of inputs) {
      const count = initializers.get(name);
      // A shared initializer counts once, for the first node that reads it.
      if (count !== undefined && !counted.has(name)) {
        params += count;
        counted.add(name);
      }
    }
    return {
      name: node.name || outputs[0] || `${node.opType ?? 'node'}_${index}`,
      opType: node.opType ?? '',
      inputs,
      outputs,
      params,
    };
  });
  const values = nodes.flatMap((n) => n.outputs.map((name) => known.get(name) ?? { name }));
  const opset = (model.opsetImport ?? []).find((o) => !o.domain || o.domain === 'ai.onnx');
  const opsetVersion = int64(opset?.version);
  return {
    inputs: (graph.input ?? []).filter((i) => !initializers.has(i.name ?? '')).map(valueOf),
    outputs: (graph.output ?? []).map(valueOf),
    values,
    nodes,
    params: [...initializers.values()].reduce((a, b) => a + b, 0),
    ...(opsetVersion !== undefined ? { opset: opsetVersion } : {}),
    ...(model.producerName ? { producer: `${model.producerName} ${model.producerVersion ?? ''}`.trim() } : {}),
  };
}

export function readOnnxGraph(bytes: Uint8Array): OnnxGraphResult {
  const decoded = decodeModel(bytes);
  if (!decoded.ok) return decoded;
  if (decoded.model.graph?.input?.length === 0) return { ok: false, message: 'its graph has no input.' };
  return { ok: true, graph: graphOf(decoded.model) };
}

/** The node producing `value`, if any. */
export function producerOf(graph: OnnxGraph, value: string): OnnxNode | undefined {
  return graph.nodes.find((n) => n.outputs.includes(value));
}

/** True when the value is the output of a Softmax (probabilities, not logits). */
export function isProbabilities(graph: OnnxGraph, value: string): boolean {
  const op = producerOf(graph, value)?.opType;
  return op === 'Softmax';
}

export const formatDims = (shape: readonly OnnxDim[] | undefined): string =>
  shape ? `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]` : '[unknown shape]';
