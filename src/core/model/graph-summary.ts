/**
 * A ModelSummary of a TF.js graph model: its parameterised nodes (MatMul, Conv2D, their fused forms, ...) as
 * layers with parameters, bytes and FLOPs, and every node as a value a hint may name.
 */
import type { ConfigPath } from '../config/source-map';
import type { GraphNode, GraphTopology } from './graph-topology';
import { product } from './layer-math';
import { BYTES_PER_FLOAT32 } from './summarize-defs';
import type { LayerSummary, ModelSummary } from './summary-types';

/** Multiply-accumulates x 2 per example: a dense product uses each weight once, a convolution once per position. */
function flopsOf(node: GraphNode): number {
  const shape = node.shape ?? [];
  if (/Conv2D|Conv2dNative/.test(node.op)) return 2 * node.params * product(shape.slice(0, -1));
  if (/MatMul/.test(node.op)) return 2 * node.params;
  return 0;
}

/** The logits' width: the last axis of the output node's shape, 0 when the file does not say. */
export function graphOutputWidth(graph: GraphTopology, output: string): number {
  const shape = graph.nodes.find((n) => n.name === output)?.shape;
  return shape?.[shape.length - 1] ?? 0;
}

export function summarizeGraph(graph: GraphTopology, inputShape: readonly number[], path: ConfigPath): ModelSummary {
  const layers: LayerSummary[] = graph.nodes
    .filter((n) => n.params > 0)
    .map((node) => ({
      name: node.name,
      type: node.op,
      outputShape: node.shape ?? [],
      params: node.params,
      bytes: node.params * BYTES_PER_FLOAT32,
      flops: flopsOf(node),
      path,
    }));
  const params = layers.reduce((n, l) => n + l.params, 0);
  return {
    origin: 'graph-model',
    inputShape,
    layers,
    values: graph.nodes
      .filter((n) => n.op !== 'Placeholder')
      .map((n) => ({ name: n.name, outputShape: n.shape ?? [] })),
    params,
    bytes: params * BYTES_PER_FLOAT32,
    flops: layers.reduce((n, l) => n + l.flops, 0),
    outputUnits: graphOutputWidth(graph, graph.outputs[0] ?? ''),
  };
}
