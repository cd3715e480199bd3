/**
 * Hover: the key's documentation; the loss formula with the user's values on `distillation`, its
 * temperature and weights; a layer's output shape, parameters and share of its model; a model's totals and
 * the compression ratio on `teacher` / `student`; the meaning of an enum value; the widths structured pruning
 * leaves, on `compression.pruning` and on each student layer.
 */
import { type Hover, MarkupKind, type Position } from 'vscode-languageserver';
import type { ConfigPath } from '../../core/config/source-map';
import { formatInteger } from '../../core/format/numbers';
import type { LocatedNode, ModelFacts } from '../analysis/messages';
import { nodeAt } from '../language/node-at';
import { schemaAt } from '../language/schema-at-path';
import type { Side } from '../layer-catalog';
import { formatDims, type OnnxDim } from '../../core/onnx/onnx-graph';
import { enumValueDoc, keyDoc, layerDoc, lossFormula, modelTotalsDoc } from './hover-text';
import { prunedLayerLine, prunedWidthsDoc } from './pruned-hover';

const LOSS_KEYS = new Set(['temperature', 'soft_weight', 'hard_weight', 'features']);

function isLossPath(path: ConfigPath): boolean {
  return path[0] === 'distillation' && (path.length === 1 || (path.length === 2 && LOSS_KEYS.has(String(path[1]))));
}

function layerSection(facts: ModelFacts, path: ConfigPath): string | undefined {
  const analysis = facts;
  const [first, second, index] = path;
  if ((first === 'teacher' || first === 'student') && second === 'layers' && typeof index === 'number') {
    const model = analysis[first];
    const layer =
      model?.layers.find((l) => l.path && l.path[2] === index && l.path[0] === first) ?? model?.layers[index];
    if (!model || !layer) return undefined;
    const pruned = first === 'student' ? prunedLayerLine(layer, facts) : undefined;
    return [layerDoc(layer, model, first), ...(pruned ? ['', pruned] : [])].join('\n');
  }
  const side = path[3];
  if (
    first === 'distillation' &&
    second === 'features' &&
    path.length === 4 &&
    (side === 'teacher' || side === 'student')
  ) {
    const name = analysis.config.distillation.features[Number(index)]?.[side as Side];
    const entry = facts.layers[side].find((l) => l.name === name);
    const model = analysis[side];
    if (entry?.onnx) return `**teacher value \`${entry.name}\`** (${entry.onnx})`;
    if (entry?.summary && model) return layerDoc(entry.summary, model, side);
    if (entry) return `**${side} layer \`${entry.name}\`** (${entry.type})`;
  }
  if (first === 'teacher' && (second === 'output' || second === 'model') && path.length === 2)
    return onnxTeacherDoc(facts);
  return undefined;
}

/** Inputs and outputs of an ONNX teacher with their shapes, on `teacher.model` and `teacher.output`. */
function onnxTeacherDoc(facts: ModelFacts): string | undefined {
  const graph = facts.onnx;
  if (!graph) return undefined;
  const logits = facts.config.teacher.output ?? graph.outputs[0]?.name;
  const line = (kind: string, v: { name: string; shape?: readonly OnnxDim[] }): string =>
    `- ${kind} \`${v.name}\`: ${formatDims(v.shape)}${kind === 'output' && logits === v.name ? ' (the logits)' : ''}`;
  return [
    `**ONNX teacher**: ${formatInteger(graph.params)} parameters${graph.opset !== undefined ? `, opset ${graph.opset}` : ''}`,
    ...graph.inputs.map((i) => line('input', i)),
    ...graph.outputs.map((o) => line('output', o)),
  ].join('\n');
}

function sections(facts: ModelFacts, located: LocatedNode, onKey: boolean): string[] {
  const out: string[] = [];
  const path = located.path;
  const key = path[path.length - 1];
  const node = schemaAt(path);
  if (node && typeof key === 'string' && onKey) out.push(keyDoc(key, node));
  if (node && !onKey) {
    const value = located.scalar;
    const doc = typeof value === 'string' ? enumValueDoc(value, node) : undefined;
    out.push(doc ?? (typeof key === 'string' ? keyDoc(key, node) : node.doc));
  }
  const analysis = facts;
  if (isLossPath(path)) out.push(lossFormula(analysis.config));
  if (path.length === 1 && (key === 'teacher' || key === 'student')) {
    const totals = modelTotalsDoc(key, analysis.teacher, analysis.student);
    if (totals) out.push(totals);
  }
  const layer = layerSection(facts, path);
  if (layer) out.push(layer);
  const pruned = path[0] === 'compression' && path[1] === 'pruning' ? prunedWidthsDoc(facts) : undefined;
  if (pruned) out.push(pruned);
  return out;
}

/** `facts` and `nodes` are the worker's analysis of the document's current version. */
export function hover(facts: ModelFacts, nodes: readonly LocatedNode[], position: Position): Hover | null {
  const hit = nodeAt(nodes, position);
  if (!hit) return null;
  const parts = sections(facts, hit.location, hit.onKey);
  if (parts.length === 0) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') },
    range: hit.onKey && hit.location.keyRange ? hit.location.keyRange : hit.location.valueRange,
  };
}
