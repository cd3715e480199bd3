/**
 * The ONNX graph of a config's teacher, for completion and hover: read through the server's file system
 * (never run), or undefined when the teacher is not an .onnx file or cannot be read (diagnostics say why).
 */
import * as path from 'node:path';
import type { ConfigFileSystem } from '../core/analysis/file-system';
import type { DistillConfig } from '../core/config/types';
import { isOnnxPath } from '../core/model/onnx-teacher';
import { formatDims, type OnnxGraph, producerOf, readOnnxGraph } from '../core/onnx/onnx-graph';

export function onnxTeacherGraph(
  config: Pick<DistillConfig, 'teacher'> | undefined,
  configPath: string,
  fs: ConfigFileSystem,
): OnnxGraph | undefined {
  const model = config?.teacher?.model;
  if (!model || !isOnnxPath(model)) return undefined;
  const bytes = fs.readBytes(path.resolve(path.dirname(configPath), model));
  if (!bytes) return undefined;
  const read = readOnnxGraph(bytes);
  return read.ok ? read.graph : undefined;
}

/** "Relu, shape [batch, 32, 28, 28]": what a value is, for completion details and hovers. */
export function describeValue(graph: OnnxGraph, name: string): string {
  const value = graph.values.find((v) => v.name === name) ?? graph.outputs.find((o) => o.name === name);
  const op = producerOf(graph, name)?.opType ?? 'input';
  return `${op}, shape ${formatDims(value?.shape)}`;
}
