/**
 * A ModelSummary of an ONNX teacher from its graph: its parameterised nodes (Conv, Gemm, MatMul, ...) as
 * layers with their parameters, bytes and FLOPs, and every value of the graph as a possible hint target.
 */
import type { OnnxGraph, OnnxValue } from '../onnx/onnx-graph';
import { product } from './layer-math';
import { BYTES_PER_FLOAT32 } from './summarize-defs';
import type { LayerSummary, ModelSummary } from './summary-types';

/** Per-example shape (batch dropped) when every remaining axis is fixed; [] when unknown. */
export function exampleShapeOf(value: OnnxValue | undefined): number[] {
  const rest = value?.shape?.slice(1) ?? [];
  return rest.every((d): d is number => typeof d === 'number') ? rest : [];
}

/** Multiply-accumulates x 2 per example: weights times output positions for convolutions, weights for dense products. */
function flopsOf(opType: string, params: number, output: readonly number[]): number {
  if (opType === 'Conv' || opType === 'ConvTranspose') return 2 * params * product(output.slice(1));
  if (opType === 'Gemm' || opType === 'MatMul') return 2 * params;
  return 0;
}

export function summarizeOnnx(graph: OnnxGraph, inputShape: readonly number[], logitsWidth: number): ModelSummary {
  const shapes = new Map(graph.values.map((v) => [v.name, v]));
  const layers: LayerSummary[] = graph.nodes
    .filter((n) => n.params > 0)
    .map((node) => {
      const outputShape = exampleShapeOf(shapes.get(node.outputs[0] ?? ''));
      return {
        name: node.name,
        type: node.opType,
        outputShape,
        params: node.params,
        bytes: node.params * BYTES_PER_FLOAT32,
        flops: flopsOf(node.opType, node.params, outputShape),
      };
    });
  const values = graph.values.map((v) => ({ name: v.name, outputShape: exampleShapeOf(v) }));
  return {
    origin: 'onnx',
    inputShape,
    layers,
    values,
    params: graph.params,
    bytes: graph.params * BYTES_PER_FLOAT32,
    flops: layers.reduce((n, l) => n + l.flops, 0),
    outputUnits: logitsWidth,
  };
}
