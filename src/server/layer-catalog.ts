/**
 * The layers a `distillation.features` pair may name, for one side (teacher or student): from the model
 * summary when the analysis has one, else from the config's named layers, and for a teacher given as a
 * `model.json`, from that file. Each entry says where the layer is declared, for go to definition.
 */
import * as path from 'node:path';
import type { ConfigFileSystem } from '../core/analysis/file-system';
import type { ConfigPath } from '../core/config/source-map';
import type { LayerSummary } from '../core/model/summary-types';
import type { ModelFacts } from './analysis/messages';
import { readModelJson } from '../core/model/model-json';

export type Side = 'teacher' | 'student';

export interface CatalogLayer {
  readonly name: string;
  readonly type: string;
  readonly summary?: LayerSummary;
  /** Declared in this config at this path (the layer item) ... */
  readonly configPath?: ConfigPath;
  /** ... or in this model.json file at this offset. */
  readonly file?: { readonly path: string; readonly offset: number; readonly text: string };
}

function configLayers(facts: ModelFacts, side: Side): CatalogLayer[] {
  const layers = facts.config[side]?.layers ?? [];
  return layers.flatMap((layer, i) =>
    layer.name ? [{ name: layer.name, type: layer.type, configPath: [side, 'layers', i] }] : [],
  );
}

function modelFileLayers(facts: ModelFacts, configPath: string, fs: ConfigFileSystem): CatalogLayer[] {
  const model = facts.config.teacher?.model;
  if (!model) return [];
  const file = path.resolve(path.dirname(configPath), model);
  const text = fs.readText(file);
  if (text === undefined) return [];
  const read = readModelJson(text);
  if (!read.ok) return [];
  return read.model.declared.map((l) => ({
    name: l.name,
    type: l.className,
    file: { path: file, offset: l.offset, text },
  }));
}

export function layerCatalog(facts: ModelFacts, configPath: string, fs: ConfigFileSystem, side: Side): CatalogLayer[] {
  const fromFile = side === 'teacher' ? modelFileLayers(facts, configPath, fs) : [];
  const summary = facts[side];
  if (summary) {
    const byName = new Map(fromFile.map((l) => [l.name, l]));
    return summary.layers.map((s) => ({
      name: s.name,
      type: s.type,
      summary: s,
      ...(s.path ? { configPath: s.path.slice(0, 3) } : {}),
      ...(byName.get(s.name)?.file ? { file: byName.get(s.name)!.file } : {}),
    }));
  }
  return fromFile.length ? fromFile : configLayers(facts, side);
}
