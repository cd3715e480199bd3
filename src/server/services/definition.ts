/**
 * Go to definition: a model or data path opens that file (or folder); a layer name in
 * `distillation.features` jumps to the layer's declaration in this config, or in the teacher's model.json.
 */
import * as path from 'node:path';
import { type Location, type Position } from 'vscode-languageserver';
import type { ConfigFileSystem } from '../../core/analysis/file-system';
import type { DocumentState } from '../document-state';
import { nodeAt } from '../language/node-at';
import { schemaAt } from '../language/schema-at-path';
import { factsOf } from '../analysis/facts-of';
import { layerCatalog } from '../layer-catalog';
import { pathToUri } from '../uri';

const ORIGIN = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function positionIn(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

export function definition(state: DocumentState, position: Position, fs: ConfigFileSystem): Location[] {
  const hit = nodeAt(state.parsed.sourceMap, position);
  if (!hit || hit.onKey) return [];
  const route = hit.location.path;
  const value = state.parsed.document.getIn(route as (string | number)[]);
  if (typeof value !== 'string' || value.trim() === '') return [];
  const node = schemaAt(route);
  if (node?.kind === 'string' && node.path) {
    const target = path.resolve(path.dirname(state.configPath), value);
    return fs.kind(target) ? [{ uri: pathToUri(target), range: ORIGIN }] : [];
  }
  const [first, second, , side] = route;
  if (first !== 'distillation' || second !== 'features' || (side !== 'teacher' && side !== 'student')) return [];
  const layer = layerCatalog(factsOf(state.analysis), state.configPath, fs, side).find((l) => l.name === value);
  if (!layer) return [];
  if (layer.configPath) {
    const nameRange = state.parsed.sourceMap.get([...layer.configPath, layer.type, 'name'])?.valueRange;
    const itemRange = state.parsed.sourceMap.get(layer.configPath)?.valueRange;
    const range = nameRange ?? itemRange;
    if (range) return [{ uri: state.uri, range }];
  }
  if (layer.file) {
    const start = positionIn(layer.file.text, layer.file.offset);
    return [{ uri: pathToUri(layer.file.path), range: { start, end: start } }];
  }
  return [];
}
