/**
 * The rows `distillery inspect` prints for a model.json: one per layer of a Layers model (built with TF.js,
 * so shapes and counts are TF.js's own), or one per parameterised node of a graph model (read from the file
 * by core's reader, as the language server and `check` read it; nothing is run).
 */
import type { GraphModelJson } from '../../core/model/model-json';
import { summarizeGraph } from '../../core/model/graph-summary';
import { layersModelFrom, type ModelFiles } from '../../trainer/model/model-files';

export interface InspectRow {
  readonly name: string;
  readonly type: string;
  /** With the batch axis first (null); null for a graph node whose shape the file does not record. */
  readonly output_shape: (number | null)[] | null;
  readonly params: number;
}

export interface Inspected {
  readonly format: 'layers-model' | 'graph-model';
  readonly input: { readonly name?: string; readonly shape: (number | null)[] };
  readonly outputs?: readonly string[];
  readonly rows: readonly InspectRow[];
  readonly params: number;
}

export async function inspectLayers(files: ModelFiles, shown: string): Promise<Inspected> {
  const { model } = await layersModelFrom(files, shown);
  return {
    format: 'layers-model',
    input: { shape: model.inputs[0]?.shape ?? [] },
    rows: model.layers.map((l) => ({
      name: l.name,
      type: l.getClassName(),
      output_shape: (Array.isArray(l.outputShape[0]) ? l.outputShape[0] : l.outputShape) as (number | null)[],
      params: l.countParams(),
    })),
    params: model.countParams(),
  };
}

export function inspectGraph(json: GraphModelJson): Inspected {
  const { input, outputs } = json.graph;
  const summary = summarizeGraph(json.graph, input.shape ?? [], []);
  return {
    format: 'graph-model',
    input: { name: input.name, shape: [null, ...(input.shape ?? [])] },
    outputs,
    rows: summary.layers.map((l) => ({
      name: l.name,
      type: l.type,
      output_shape: l.outputShape.length ? [null, ...l.outputShape] : null,
      params: l.params,
    })),
    params: summary.params,
  };
}
