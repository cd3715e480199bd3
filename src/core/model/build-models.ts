/**
 * Teacher and student summaries for one parsed config, with the problems found on the way (missing or
 * corrupt model files, shapes that do not fit). Model files are read through the injected file system.
 */
import * as path from '../paths/file-path';
import { isSeq } from 'yaml';
import type { ConfigFileSystem } from '../analysis/file-system';
import type { Problem } from '../analysis/problem';
import type { ParsedConfig } from '../config/parse';
import type { LayerSpec } from '../config/types';
import type { DatasetInfo } from '../data/dataset-info';
import { configLayerDefs } from './config-layers';
import { deriveStudentLayers } from './derive-student';
import type { LayerDef } from './layer-def';
import { product } from './layer-math';
import { readModelJson } from './model-json';
import { summarizeDefs, type SummaryResult } from './summarize-defs';
import type { ModelSummary } from './summary-types';

export interface ModelBuilds {
  readonly teacher?: ModelSummary;
  readonly student?: ModelSummary;
  readonly problems: readonly Problem[];
}

interface TeacherDefs {
  readonly defs: readonly LayerDef[];
  readonly inputShape: readonly number[];
  readonly origin: ModelSummary['origin'];
}

const MODEL = ['teacher', 'model'] as const;
const fmt = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

/** Invalid layers are dropped by the parser; then list positions no longer match the text, so skip the summary. */
function allLayersValid(parsed: ParsedConfig, who: 'teacher' | 'student', layers: readonly LayerSpec[]): boolean {
  const node = parsed.document.getIn([who, 'layers'], true);
  return isSeq(node) && node.items.length === layers.length;
}

function teacherFromFile(
  file: string,
  fs: ConfigFileSystem,
  resolve: (p: string) => string,
  dataset: DatasetInfo | undefined,
  problems: Problem[],
): TeacherDefs | undefined {
  const absolute = resolve(file);
  const text = fs.kind(absolute) === 'file' ? fs.readText(absolute) : undefined;
  if (text === undefined) {
    problems.push({
      code: 'missing-file',
      path: MODEL,
      message: `Teacher model not found: ${file} (paths are relative to the config file).`,
    });
    return undefined;
  }
  const read = readModelJson(text);
  if (!read.ok) {
    problems.push({
      code: 'missing-file',
      path: MODEL,
      message: `Teacher model ${file} cannot be used: ${read.message}`,
    });
    return undefined;
  }
  const folder = path.dirname(absolute);
  const missing = read.model.manifest.files.filter((w) => fs.kind(path.resolve(folder, w)) !== 'file');
  if (missing.length) {
    problems.push({
      code: 'missing-file',
      path: MODEL,
      message: `Teacher model ${file} names ${missing.length > 1 ? 'weight files that do' : 'a weight file that does'} not exist beside it: ${missing.join(', ')}.`,
    });
  }
  const inputShape = read.model.inputShape ?? dataset?.inputShape;
  if (!inputShape) return undefined;
  if (dataset && read.model.inputShape && product(read.model.inputShape) !== product(dataset.inputShape)) {
    problems.push({
      code: 'shape-mismatch',
      path: MODEL,
      message: `Teacher model ${file} expects inputs of shape ${fmt(read.model.inputShape)} (${product(read.model.inputShape)} values) but ${dataset.name} examples have shape ${fmt(dataset.inputShape)} (${product(dataset.inputShape)} values).`,
    });
    return undefined;
  }
  return { defs: read.model.defs, inputShape, origin: 'model.json' };
}

function teacherDefs(
  parsed: ParsedConfig,
  fs: ConfigFileSystem,
  resolve: (p: string) => string,
  dataset: DatasetInfo | undefined,
  problems: Problem[],
): TeacherDefs | undefined {
  const teacher = parsed.config.teacher;
  if (teacher.model !== undefined) return teacherFromFile(teacher.model, fs, resolve, dataset, problems);
  if (teacher.layers && dataset && allLayersValid(parsed, 'teacher', teacher.layers)) {
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

export function buildModels(
  parsed: ParsedConfig,
  dataset: DatasetInfo | undefined,
  fs: ConfigFileSystem,
  resolve: (p: string) => string,
): ModelBuilds {
  const problems: Problem[] = [];
  const t = teacherDefs(parsed, fs, resolve, dataset, problems);
  const teacher = t
    ? keep(
        summarizeDefs(t.defs, t.inputShape, t.origin, t.origin === 'model.json' ? MODEL : ['teacher', 'layers']),
        problems,
      )
    : undefined;
  const student = parsed.config.student;
  let studentSummary: ModelSummary | undefined;
  if (student.layers && dataset && allLayersValid(parsed, 'student', student.layers)) {
    studentSummary = keep(
      summarizeDefs(configLayerDefs(student.layers, ['student', 'layers']), dataset.inputShape, 'config', [
        'student',
        'layers',
      ]),
      problems,
    );
  } else if (student.from_teacher && t && teacher) {
    studentSummary = derivedStudent(t, student.from_teacher.width, problems);
  }
  return { ...(teacher ? { teacher } : {}), ...(studentSummary ? { student: studentSummary } : {}), problems };
}
