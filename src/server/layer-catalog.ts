/**
 * The layers a `distillation.features` pair may name, for one side (teacher or student): from the model
 * summary when the analysis has one, else from the config's named layers, and for a teacher given as a
 * `model.json`, from that file; for an ONNX teacher, every value of its graph. Each entry says where the layer is
 * declared, for go to definition. Built on the analysis worker (it reads the model files) and sent to the main
 * thread with the facts.
 */
import * as path from 'node:path';
import type { ConfigFileSystem } from '../core/analysis/file-system';
import type { ConfigPath } from '../core/config/source-map';
import type { DistillConfig } from '../core/config/types';
import type { LayerSummary, ModelSummary } from '../core/model/summary-types';
import { readModelJson } from '../core/model/model-json';
import { producerOf } from '../core/onnx/onnx-graph';
import { describeValue, onnxTeacherGraph } from './onnx-teacher-graph';

export type Side = 'teacher' | 'student';

export interface CatalogLayer {
  readonly name: string;
  readonly type: string;
  readonly summary?: LayerSummary;
  /** Declared in this config at this path (the layer item) ... */
  readonly configPath?: ConfigPath;
  /** For a value of an ONNX teacher's graph: its operator and shape ("Relu, shape [batch, 32, 28, 28]"). */
  readonly onnx?: string;
  /** ... or in this model.json file at this position (of its `"name"` entry). */
  readonly file?: { readonly path: string; readonly position: { readonly line: number; readonly character: number } };
}

/** What the catalog is built from: the analysis's config and model summaries. */
export interface CatalogSource {
  readonly config: DistillConfig;
  readonly teacher?: ModelSummary;
  readonly student?: ModelSummary;
}

function positionIn(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

function configLayers(facts: CatalogSource, side: Side): CatalogLayer[] {
  const layers = facts.config[side]?.layers ?? [];
  return layers.flatMap((layer, i) =>
    layer.name ? [{ name: layer.name, type: layer.type, configPath: [side, 'layers', i] }] : [],
  );
}

function modelFileLayers(facts: CatalogSource, configPath: string, fs: ConfigFileSystem): CatalogLayer[] {
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
    file: { path: file, position: positionIn(text, l.offset) },
  }));
}

/**
 * What a hint may name: the layers, or a graph model's every node (the parameterised ones with their
 * figures, the others with their shape and no parameters).
 */
function valuesOf(summary: ModelSummary, fromFile: ReadonlyMap<string, CatalogLayer>): readonly LayerSummary[] {
  if (!summary.values) return summary.layers;
  const layers = new Map(summary.layers.map((l) => [l.name, l]));
  return summary.values.map(
    (v) =>
      layers.get(v.name) ?? {
        name: v.name,
        type: fromFile.get(v.name)?.type ?? 'value',
        outputShape: v.outputShape,
        params: 0,
        bytes: 0,
        flops: 0,
      },
  );
}

export function layerCatalog(
  facts: CatalogSource,
  configPath: string,
  fs: ConfigFileSystem,
  side: Side,
): CatalogLayer[] {
  // An ONNX teacher's hints may name any value of its graph.
  const graph = side === 'teacher' ? onnxTeacherGraph(facts.config, configPath, fs) : undefined;
  if (graph)
    return graph.values.map((v) => ({
      name: v.name,
      type: producerOf(graph, v.name)?.opType ?? 'value',
      onnx: describeValue(graph, v.name),
    }));
  const fromFile = side === 'teacher' ? modelFileLayers(facts, configPath, fs) : [];
  const summary = facts[side];
  if (summary) {
    const byName = new Map(fromFile.map((l) => [l.name, l]));
    return valuesOf(summary, byName).map((s) => ({
      name: s.name,
      type: s.type,
      summary: s,
      ...(s.path ? { configPath: s.path.slice(0, 3) } : {}),
      ...(byName.get(s.name)?.file ? { file: byName.get(s.name)!.file } : {}),
    }));
  }
  return fromFile.length ? fromFile : configLayers(facts, side);
}
