/**
 * Hover: the key's documentation; the loss formula with the user's values on `distillation`, its
 * temperature and weights; a layer's output shape, parameters and share of its model; a model's totals and
 * the compression ratio on `teacher` / `student`; the meaning of an enum value.
 */
import { type Hover, MarkupKind, type Position } from 'vscode-languageserver';
import type { ConfigFileSystem } from '../../core/analysis/file-system';
import type { ConfigPath } from '../../core/config/source-map';
import type { DocumentState } from '../document-state';
import { nodeAt } from '../language/node-at';
import { schemaAt } from '../language/schema-at-path';
import { factsOf } from '../analysis/facts-of';
import { layerCatalog, type Side } from '../layer-catalog';
import { enumValueDoc, keyDoc, layerDoc, lossFormula, modelTotalsDoc } from './hover-text';

const LOSS_KEYS = new Set(['temperature', 'soft_weight', 'hard_weight', 'features']);

function isLossPath(path: ConfigPath): boolean {
  return path[0] === 'distillation' && (path.length === 1 || (path.length === 2 && LOSS_KEYS.has(String(path[1]))));
}

function layerSection(state: DocumentState, path: ConfigPath, fs: ConfigFileSystem): string | undefined {
  const analysis = state.analysis;
  const [first, second, index] = path;
  if ((first === 'teacher' || first === 'student') && second === 'layers' && typeof index === 'number') {
    const model = analysis[first];
    const layer =
      model?.layers.find((l) => l.path && l.path[2] === index && l.path[0] === first) ?? model?.layers[index];
    return model && layer ? layerDoc(layer, model, first) : undefined;
  }
  const side = path[3];
  if (
    first === 'distillation' &&
    second === 'features' &&
    path.length === 4 &&
    (side === 'teacher' || side === 'student')
  ) {
    const name = analysis.parsed.config.distillation.features[Number(index)]?.[side as Side];
    const entry = layerCatalog(factsOf(analysis), state.configPath, fs, side).find((l) => l.name === name);
    const model = analysis[side];
    if (entry?.summary && model) return layerDoc(entry.summary, model, side);
    if (entry) return `**${side} layer \`${entry.name}\`** (${entry.type})`;
  }
  return undefined;
}

function sections(state: DocumentState, path: ConfigPath, onKey: boolean, fs: ConfigFileSystem): string[] {
  const out: string[] = [];
  const key = path[path.length - 1];
  const node = schemaAt(path);
  if (node && typeof key === 'string' && onKey) out.push(keyDoc(key, node));
  if (node && !onKey) {
    const value = state.parsed.document.getIn(path as (string | number)[]);
    const doc = typeof value === 'string' ? enumValueDoc(value, node) : undefined;
    out.push(doc ?? (typeof key === 'string' ? keyDoc(key, node) : node.doc));
  }
  const analysis = state.analysis;
  if (isLossPath(path)) out.push(lossFormula(analysis.parsed.config));
  if (path.length === 1 && (key === 'teacher' || key === 'student')) {
    const totals = modelTotalsDoc(key, analysis.teacher, analysis.student);
    if (totals) out.push(totals);
  }
  const layer = layerSection(state, path, fs);
  if (layer) out.push(layer);
  return out;
}

export function hover(state: DocumentState, position: Position, fs: ConfigFileSystem): Hover | null {
  const hit = nodeAt(state.parsed.sourceMap, position);
  if (!hit) return null;
  const parts = sections(state, hit.location.path, hit.onKey, fs);
  if (parts.length === 0) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') },
    range: hit.onKey && hit.location.keyRange ? hit.location.keyRange : hit.location.valueRange,
  };
}
