/** Which output of an ONNX teacher holds its class scores (`teacher.output`, default the first), and whether they are probabilities. */
import { didYouMean } from '../text/did-you-mean';
import { isProbabilities, type OnnxGraph, type OnnxValue } from './onnx-graph';

export type LogitsOutputResult =
  | { readonly ok: true; readonly output: OnnxValue; readonly probabilities: boolean }
  | { readonly ok: false; readonly message: string; readonly suggestion?: string };

export function logitsOutput(graph: OnnxGraph, wanted: string | undefined): LogitsOutputResult {
  const names = graph.outputs.map((o) => o.name);
  const output = wanted === undefined ? graph.outputs[0] : graph.outputs.find((o) => o.name === wanted);
  if (!output) {
    const suggestion = wanted === undefined ? undefined : didYouMean(wanted, names);
    return {
      ok: false,
      message: `the teacher has no output \`${wanted ?? ''}\`.${suggestion ? ` Did you mean '${suggestion}'?` : ''} Its outputs: ${names.join(', ')}.`,
      ...(suggestion ? { suggestion } : {}),
    };
  }
  return { ok: true, output, probabilities: isProbabilities(graph, output.name) };
}

/** The width of an output's last axis, when it is fixed. */
export function outputWidth(output: OnnxValue): number | undefined {
  const last = output.shape?.[output.shape.length - 1];
  return typeof last === 'number' && (output.shape?.length ?? 0) >= 2 ? last : undefined;
}
