/**
 * Teacher and student summaries for one parsed config, with the problems found on the way (missing or
 * corrupt model files, shapes that do not fit). Model files are read through the injected file system.
 */
import { isSeq } from 'yaml';
import type { ConfigFileSystem } from '../analysis/file-system';
import type { Problem } from '../analysis/problem';
import type { ParsedConfig } from '../config/parse';
import type { LayerSpec } from '../config/types';
import type { DatasetInfo } from '../data/dataset-info';
import { configLayerDefs } from './config-layers';
import { deriveStudentLayers } from './derive-student';
import { structurallyPruned } from './narrow-layers';
import { MODEL, type TeacherDefs, teacherFromModelJson } from './teacher-file';
import { isOnnxPath, onnxTeacherSummary } from './onnx-teacher';
import { summarizeDefs, type SummaryResult } from './summarize-defs';
import type { ModelSummary } from './summary-types';

export interface ModelBuilds {
  readonly teacher?: ModelSummary;
  /** `teacher.assistant`, when the config has one and it can be summarised (for the memory budget). */
  readonly assistant?: ModelSummary;
  readonly student?: ModelSummary;
  /** The student after structured pruning (`compression.pruning.structure: units`), as the trainer narrows it. */
  readonly pruned?: ModelSummary;
  readonly problems: readonly Problem[];
}

/** Invalid layers are dropped by the parser; then list positions no longer match the text, so skip the summary. */
function allLayersValid(parsed: ParsedConfig, layersPath: readonly string[], layers: readonly LayerSpec[]): boolean {
  const node = parsed.document.getIn(layersPath, true);
  return isSeq(node) && node.items.length === layers.length;
}

function teacherDefs(
  parsed: ParsedConfig,
  fs: ConfigFileSystem,
  resolve: (p: string) => string,
  dataset: DatasetInfo | undefined,
  problems: Problem[],
): TeacherDefs | undefined {
  const teacher = parsed.config.teacher;
  if (teacher.model !== undefined) return teacherFromModelJson(teacher.model, fs, resolve, dataset, problems);
  if (teacher.layers && dataset && allLayersValid(parsed, ['teacher', 'layers'], teacher.layers)) {
    return {
      defs: configLayerDefs(teacher.layers, ['teacher', 'layers']),
      inputShape: dataset.inputShape,
      origin: 'config',
    };
  }
  return undefined;
}

function keep(result: SummaryResult, problems: Problem[]): ModelSummary | undefined {
  problems.push(...result.problems);
  return result.summary;
}

/** The student `from_teacher` derives, exactly as the trainer will build it, or the trainer's refusal. */
function derivedStudent(t: TeacherDefs, width: number, problems: Problem[]): ModelSummary | undefined {
  const derived = deriveStudentLayers(t.defs, width);
  if (!derived.ok) {
    problems.push({ code: 'unknown-layer', path: ['student', 'from_teacher'], message: derived.message });
    return undefined;
  }
  const defs = configLayerDefs(derived.layers, ['student', 'from_teacher']).map((def) => ({
    ...def,
    path: ['student', 'from_teacher', 'width'],
  }));
  return keep(summarizeDefs(defs, t.inputShape, 'derived', ['student', 'from_teacher']), problems);
}

/** The student from its own `layers`, when they are all valid and the data's shape is known. */
function configStudent(
  parsed: ParsedConfig,
  dataset: DatasetInfo | undefined,
  problems: Problem[],
): ModelSummary | undefined {
  const layers = parsed.config.student.layers;
  if (!layers || !dataset || !allLayersValid(parsed, ['student', 'layers'], layers)) return undefined;
  return keep(
    summarizeDefs(configLayerDefs(layers, ['student', 'layers']), dataset.inputShape, 'config', ['student', 'layers']),
    problems,
  );
}

export function buildModels(
  parsed: ParsedConfig,
  dataset: DatasetInfo | undefined,
  fs: ConfigFileSystem,
  resolve: (p: string) => string,
): ModelBuilds {
  const problems: Problem[] = [];
  const model = parsed.config.teacher.model;
  if (model !== undefined && isOnnxPath(model)) return onnxBuilds(parsed, dataset, fs, resolve(model), problems);
  const t = teacherDefs(parsed, fs, resolve, dataset, problems);
  const teacher = t?.summary
    ? t.summary
    : t?.defs
      ? keep(
          summarizeDefs(t.defs, t.inputShape, t.origin, t.origin === 'model.json' ? MODEL : ['teacher', 'layers']),
          problems,
        )
      : undefined;
  const student = parsed.config.student;
  let studentSummary = configStudent(parsed, dataset, problems);
  if (!studentSummary && student.from_teacher && t && teacher) {
    studentSummary = derivedStudent(t, student.from_teacher.width, problems);
  }
  const assistant = t && teacher ? assistantSummary(parsed, t, dataset) : undefined;
  const pruned = studentSummary ? prunedSummary(parsed, studentSummary, t) : undefined;
  return {
    ...(teacher ? { teacher } : {}),
    ...(assistant ? { assistant } : {}),
    ...(studentSummary ? { student: studentSummary } : {}),
    ...(pruned ? { pruned } : {}),
    problems,
  };
}

/**
 * The student after structured pruning, from the same layers its summary came from (its own, or the teacher's
 * shrunk by `from_teacher`); each layer has the student layer's config path, so the hover of a student layer finds it.
 */
function prunedSummary(
  parsed: ParsedConfig,
  student: ModelSummary,
  t: TeacherDefs | undefined,
): ModelSummary | undefined {
  const { config } = parsed;
  const derived =
    student.origin === 'derived' && t ? deriveStudentLayers(t.defs, config.student.from_teacher!.width) : undefined;
  const layers = derived ? (derived.ok ? derived.layers : undefined) : config.student.layers;
  if (!layers) return undefined;
  const narrowed = structurallyPruned(config, layers);
  if (!narrowed) return undefined;
  const defs = configLayerDefs(narrowed.layers, ['student', 'layers']).map((def) =>
    derived ? { ...def, path: ['student', 'from_teacher', 'width'] } : def,
  );
  return summarizeDefs(defs, student.inputShape, student.origin, ['compression', 'pruning']).summary;
}

/**
 * The assistant as the trainer builds it: its own layers, or the teacher's shrunk by `from_teacher.width`.
 * Its shape problems are the trainer's to report (it names the assistant); here it only feeds the memory budget.
 */
function assistantSummary(
  parsed: ParsedConfig,
  t: TeacherDefs,
  dataset: DatasetInfo | undefined,
): ModelSummary | undefined {
  const assistant = parsed.config.teacher.assistant;
  const layersPath = ['teacher', 'assistant', 'layers'];
  if (assistant?.layers) {
    if (!dataset || !allLayersValid(parsed, layersPath, assistant.layers)) return undefined;
    return summarizeDefs(configLayerDefs(assistant.layers, layersPath), dataset.inputShape, 'config', layersPath)
      .summary;
  }
  if (!assistant?.from_teacher) return undefined;
  const derived = deriveStudentLayers(t.defs, assistant.from_teacher.width);
  if (!derived.ok) return undefined;
  const widthPath = ['teacher', 'assistant', 'from_teacher', 'width'];
  const defs = configLayerDefs(derived.layers, widthPath).map((def) => ({ ...def, path: widthPath }));
  return summarizeDefs(defs, t.inputShape, 'derived', widthPath).summary;
}

/** An ONNX teacher has no layer definitions: the student must be given as layers, never derived. */
function onnxBuilds(
  parsed: ParsedConfig,
  dataset: DatasetInfo | undefined,
  fs: ConfigFileSystem,
  absolute: string,
  problems: Problem[],
): ModelBuilds {
  const teacher = onnxTeacherSummary(parsed.config.teacher.model!, absolute, parsed.config, fs, dataset, problems);
  const studentSummary = configStudent(parsed, dataset, problems);
  if (!studentSummary && parsed.config.student.from_teacher) {
    problems.push({
      code: 'unknown-layer',
      path: ['student', 'from_teacher'],
      atKey: true,
      message:
        'student.from_teacher cannot shrink an ONNX teacher (its graph has no layer definitions to copy). Define student.layers instead.',
    });
  }
  return { ...(teacher ? { teacher } : {}), ...(studentSummary ? { student: studentSummary } : {}), problems };
}
