/**
 * An ONNX teacher as the editor sees it, read through the injected file system without running it: the graph
 * must be ONNX, its input must take the data (in the configured layout), its logits output must exist and give
 * one score per class. Findings become problems for the rules that own their codes.
 */
import type { ConfigFileSystem } from '../analysis/file-system';
import type { Problem } from '../analysis/problem';
import type { DistillConfig } from '../config/types';
import type { DatasetInfo } from '../data/dataset-info';
import { planInput } from '../onnx/input-plan';
import { logitsOutput, outputWidth } from '../onnx/logits-output';
import { type OnnxGraph, readOnnxGraph } from '../onnx/onnx-graph';
import { summarizeOnnx } from './onnx-summary';
import type { ModelSummary } from './summary-types';

export const isOnnxPath = (file: string): boolean => file.toLowerCase().endsWith('.onnx');

const MODEL = ['teacher', 'model'] as const;

/** The graph of an ONNX file, or a problem saying why there is none. */
export function readOnnxFile(
  file: string,
  absolute: string,
  fs: ConfigFileSystem,
): { graph?: OnnxGraph; problem?: Problem } {
  const bytes = fs.kind(absolute) === 'file' ? fs.readBytes(absolute) : undefined;
  if (bytes === undefined)
    return {
      problem: {
        code: 'missing-file',
        path: MODEL,
        message: `Teacher model not found: ${file} (paths are relative to the config file).`,
      },
    };
  const read = readOnnxGraph(bytes);
  if (!read.ok)
    return {
      problem: { code: 'missing-file', path: MODEL, message: `Teacher model ${file} is not usable: ${read.message}` },
    };
  return { graph: read.graph };
}

export function onnxTeacherSummary(
  file: string,
  absolute: string,
  config: DistillConfig,
  fs: ConfigFileSystem,
  dataset: DatasetInfo | undefined,
  problems: Problem[],
): ModelSummary | undefined {
  const { graph, problem } = readOnnxFile(file, absolute, fs);
  if (problem) problems.push(problem);
  if (!graph) return undefined;
  const teacher = config.teacher;
  const output = logitsOutput(graph, teacher.output);
  if (!output.ok) {
    problems.push({
      code: 'unknown-layer',
      path: ['teacher', 'output'],
      message: `Teacher model ${file}: ${output.message}`,
    });
    return undefined;
  }
  const width = outputWidth(output.output) ?? dataset?.classNames.length ?? 0;
  const input = graph.inputs[0];
  if (graph.inputs.length > 1)
    problems.push({
      code: 'shape-mismatch',
      path: MODEL,
      message: `Teacher model ${file} has ${graph.inputs.length} inputs (${graph.inputs.map((i) => i.name).join(', ')}); Distillery feeds one.`,
    });
  if (!dataset || !input) return summarizeOnnx(graph, dataset?.inputShape ?? [], width);
  const plan = planInput(input, dataset.inputShape, teacher.input);
  if (!plan.ok) {
    problems.push({
      code: 'shape-mismatch',
      path: teacher.input ? ['teacher', 'input'] : MODEL,
      message: `Teacher model ${file}: ${plan.message}`,
    });
    return summarizeOnnx(graph, dataset.inputShape, width);
  }
  return summarizeOnnx(graph, plan.plan.exampleShape, width);
}
