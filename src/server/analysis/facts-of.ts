/** The plain-data part of an analysis that the main thread's features need (see ModelFacts). */
import type { Analysis } from '../../core/analysis/analyze';
import type { ConfigFileSystem } from '../../core/analysis/file-system';
import { layerCatalog } from '../layer-catalog';
import { onnxTeacherGraph } from '../onnx-teacher-graph';
import type { ModelFacts } from './messages';

export function factsOf(analysis: Analysis, configPath: string, fs: ConfigFileSystem): ModelFacts {
  const source = {
    config: analysis.parsed.config,
    ...(analysis.teacher ? { teacher: analysis.teacher } : {}),
    ...(analysis.student ? { student: analysis.student } : {}),
    ...(analysis.pruned ? { pruned: analysis.pruned } : {}),
  };
  const graph = onnxTeacherGraph(source.config, configPath, fs);
  return {
    ...source,
    ...(graph
      ? {
          onnx: {
            inputs: graph.inputs,
            outputs: graph.outputs,
            params: graph.params,
            ...(graph.opset !== undefined ? { opset: graph.opset } : {}),
          },
        }
      : {}),
    ...(analysis.dataset ? { dataset: analysis.dataset } : {}),
    layers: {
      teacher: layerCatalog(source, configPath, fs, 'teacher'),
      student: layerCatalog(source, configPath, fs, 'student'),
    },
  };
}
