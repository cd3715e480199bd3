/**
 * `distillery inspect model.onnx`: an ONNX graph read without running it (core/onnx): its inputs and outputs
 * with their shapes (symbolic sizes by name), the parameterised nodes with their parameters, every value a hint
 * may name, and the totals.
 */
import { FileReadError, readBinaryFile } from '../../node/file-system';
import { formatBytes } from '../../core/format/bytes';
import { summarizeOnnx } from '../../core/model/onnx-summary';
import { formatDims, readOnnxGraph } from '../../core/onnx/onnx-graph';
import type { CliIo } from '../command';
import { textTable } from '../../core/format/text-table';

function table(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string[] {
  return textTable(rows[0]!, rows.slice(1), { rule: true, rightAligned });
}

export function inspectOnnx(shown: string, absolute: string, format: string, io: CliIo): number {
  let bytes: Uint8Array;
  try {
    bytes = readBinaryFile(absolute, 'onnx');
  } catch (error) {
    io.stderr.write(`${error instanceof FileReadError ? error.message : `${shown}: model file not found.`}\n`);
    return 1;
  }
  const read = readOnnxGraph(bytes);
  if (!read.ok) {
    io.stderr.write(`${shown}: ${read.message}\n`);
    return 1;
  }
  const { graph } = read;
  const summary = summarizeOnnx(graph, [], 0);
  const shapes = new Map(graph.values.map((v) => [v.name, v.shape]));
  if (format === 'json') {
    io.stdout.write(
      `${JSON.stringify(
        {
          model: shown,
          format: 'onnx',
          ...(graph.opset !== undefined ? { opset: graph.opset } : {}),
          ...(graph.producer ? { producer: graph.producer } : {}),
          inputs: graph.inputs,
          outputs: graph.outputs,
          nodes: graph.nodes
            .filter((n) => n.params > 0)
            .map((n) => ({
              name: n.name,
              op_type: n.opType,
              output: n.outputs[0],
              output_shape: shapes.get(n.outputs[0] ?? '') ?? null,
              params: n.params,
            })),
          values: graph.values,
          params: graph.params,
          bytes_float32: graph.params * 4,
          flops: summary.flops,
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  const out: string[] = [
    `${shown}: ONNX${graph.opset !== undefined ? `, opset ${graph.opset}` : ''}${graph.producer ? `, from ${graph.producer}` : ''}`,
    ...graph.inputs.map((i) => `input  ${i.name} ${formatDims(i.shape)}`),
    ...graph.outputs.map((o) => `output ${o.name} ${formatDims(o.shape)}`),
    '',
    ...table(
      [
        ['node', 'op', 'output', 'output shape', 'params'],
        ...graph.nodes
          .filter((n) => n.params > 0)
          .map((n) => [
            n.name,
            n.opType,
            n.outputs[0] ?? '',
            formatDims(shapes.get(n.outputs[0] ?? '')),
            String(n.params),
          ]),
      ],
      new Set([4]),
    ),
    `total: ${graph.params} parameters, ${formatBytes(graph.params * 4)} at float32, ${summary.flops} FLOPs per example`,
    '',
    `values a hint may name (distillation.features teacher:): ${graph.values.length}`,
    ...graph.values.map((v) => `  ${v.name} ${formatDims(v.shape)}`),
  ];
  io.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
