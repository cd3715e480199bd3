/**
 * Go to definition: a model or data path opens that file (or folder); a layer name in
 * `distillation.features` jumps to the layer's declaration in this config, or in the teacher's model.json.
 */
import * as path from 'node:path';
import { type Location, type Position } from 'vscode-languageserver';
import type { ConfigFileSystem } from '../../core/analysis/file-system';
import { type ConfigPath, pathKey } from '../../core/config/source-map';
import type { LocatedNode, ModelFacts } from '../analysis/messages';
import type { DocumentState } from '../document-state';
import { nodeAt } from '../language/node-at';
import { schemaAt } from '../language/schema-at-path';
import { pathToUri } from '../uri';

const ORIGIN = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** `facts` and `nodes` are the worker's analysis of the document's current version. */
export function definition(
  state: DocumentState,
  facts: ModelFacts,
  nodes: readonly LocatedNode[],
  position: Position,
  fs: ConfigFileSystem,
): Location[] {
  const hit = nodeAt(nodes, position);
  if (!hit || hit.onKey) return [];
  const route = hit.location.path;
  const value = hit.location.scalar;
  if (typeof value !== 'string' || value.trim() === '') return [];
  const node = schemaAt(route);
  if (node?.kind === 'string' && node.path) {
    const target = path.resolve(path.dirname(state.configPath), value);
    return fs.kind(target) ? [{ uri: pathToUri(target), range: ORIGIN }] : [];
  }
  const [first, second, , side] = route;
  if (first !== 'distillation' || second !== 'features' || (side !== 'teacher' && side !== 'student')) return [];
  const layer = facts.layers[side].find((l) => l.name === value);
  if (!layer) return [];
  if (layer.configPath) {
    const located = (route: ConfigPath): LocatedNode | undefined =>
      nodes.find((node) => pathKey(node.path) === pathKey(route));
    const range = (located([...layer.configPath, layer.type, 'name']) ?? located(layer.configPath))?.valueRange;
    if (range) return [{ uri: state.uri, range }];
  }
  if (layer.file) {
    const start = layer.file.position;
    return [{ uri: pathToUri(layer.file.path), range: { start, end: start } }];
  }
  return [];
}
