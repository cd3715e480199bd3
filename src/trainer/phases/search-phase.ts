/**
 * Accuracy-aware compression (`compression.target`): every point of the space (core/compression/search-space)
 * goes through the run's own compression phase (pruning with distillation fine-tuning, then quantization) and
 * export phase, in the point's folder under `search/`; its validation accuracy and the bytes of its smallest
 * export are recorded in `search/<id>/point.json` before the next point starts, so a killed search resumes
 * without redoing finished points. The chosen point (core/compression/choose-point: smallest shipped model
 * within the drop, on validation) becomes the run's result: its models are the report's `pruned` /
 * `quantized` and its exports are copied to the run's `export/`.
 */
import type { Examples } from '../data/dataset';
import type * as tf from '@tensorflow/tfjs';
import { accuracyDrop, choosePoint, paretoFront, withinTarget } from '../../core/compression/choose-point';
import {
  type PruningGroup,
  REFERENCE_POINT_ID,
  type SearchShare,
  searchShare,
  searchSpace,
} from '../../core/compression/search-space';
import type { CompressionTarget, DistillConfig, LayerSpec } from '../../core/config/types';
import type {
  CompressionSearch,
  PointMeasures,
  SearchOutcome,
  SearchPoint,
} from '../../core/protocol/compression-search';
import type { ExportResult, ModelResult } from '../../core/protocol/report';
import type { SearchPointTag } from '../../core/protocol/run-events';
import { EXPORT_DIR, SEARCH_TASKS_DIR } from '../../core/runs/layout';
import { smallestExport } from '../../core/report/shipped-size';
import type { TeacherOutputs } from '../eval/evaluate-model';
import { SearchHandedOff, TrainerError } from '../run/errors';
import {
  exportsInFolder,
  modelResultInFolder,
  pointFolder,
  type PointRecord,
  readPointRecord,
  writePointRecord,
} from '../run/search-records';
import { collectTaskPoints, taskCopies } from '../run/search-task-files';
import { runPruning, runQuantization } from './compression-phase';
import { runQuantizationAware } from './quantization-aware-phase';
import type { Evaluated } from './evaluate-phase';
import { runExportPhase } from './export-phase';
import { addDuration, type RunContext, stopIfCancelled } from './run-context';
import type { TeacherOutcome } from './teacher-phase';

export interface SearchInput {
  readonly student: tf.LayersModel;
  readonly layers: readonly LayerSpec[];
  readonly studentEvaluated: Evaluated;
  readonly trainTeacherLogits: Examples;
  readonly teacherReference: TeacherOutputs;
  /** The model that teaches (the teacher or its assistant): pruning fine-tuning distils from it. */
  readonly teaching: TeacherOutcome;
  readonly backend: string;
  readonly runId: string;
  /** A Slurm array task's share (src/trainer/run/search-share.ts): only its groups, then hand off to the merge job. */
  readonly share?: SearchShare;
}

export interface SearchResult {
  readonly search: CompressionSearch;
  readonly pruned?: ModelResult;
  readonly quantized?: ModelResult;
  readonly quantizedAware?: ModelResult;
  /** The chosen point's exports, copied into the run's `export/`. */
  readonly exports: readonly ExportResult[];
}

function validationAccuracy(evaluated: Evaluated, what: string): number {
  const accuracy = evaluated.evaluation.validation?.accuracy;
  if (accuracy === undefined)
    throw new TrainerError(
      `compression.target: ${what} has no validation accuracy, so no drop can be measured.`,
      'Give `data.split.validation` a share (e.g. 0.15): the search selects on the validation split.',
      'search-needs-validation',
    );
  return accuracy;
}

/**
 * A context whose compression is exactly one point's, whose files are the point's folder and whose events carry
 * the point's tag (so the Training view and logs group them under the search instead of listing them as the run's).
 */
function pointContext(
  ctx: RunContext,
  folder: string,
  compression: DistillConfig['compression'],
  tag: SearchPointTag,
): RunContext {
  return {
    ...ctx,
    config: { ...ctx.config, compression },
    files: ctx.files.within(folder),
    sink: ctx.sink.withSearchPoint(tag),
  };
}

/** The tag of point (or pruning group) `id`, whose first point is `firstPoint`, in the whole search space. */
function tagOf(target: CompressionTarget, id: string, firstPoint: string): SearchPointTag {
  const ids = searchSpace(target).flatMap((g) => g.points.map((p) => p.id));
  return { id, index: ids.indexOf(firstPoint) + 1, total: ids.length };
}

/** Exports `model` (quantized to `dtype` by the export) into the point's folder and returns its record. */
async function exportPoint(
  ctx: RunContext,
  input: SearchInput,
  id: string,
  point: { model: tf.LayersModel; dtype?: 'float16' | 'int8' | 'int4'; evaluated: Evaluated; params: number },
  settings: Omit<
    PointMeasures,
    'id' | 'params' | 'validation_accuracy' | 'bytes' | 'bytes_gzip' | 'file' | 'batch1_ms' | 'test_accuracy'
  >,
): Promise<{ measures: PointMeasures; exports: ExportResult[] }> {
  const exports = exportsInFolder(
    id,
    await runExportPhase(
      ctx,
      {
        model: point.model,
        ...(point.dtype ? { dtype: point.dtype } : {}),
        testLogits: point.evaluated.evaluation.logits,
      },
      input.teacherReference.test,
      input.backend,
      input.runId,
    ),
  );
  const shipped = smallestExport({ exports });
  if (!shipped) throw new Error(`search point ${id} has no export`);
  return {
    exports,
    measures: {
      id,
      ...settings,
      params: point.params,
      validation_accuracy: validationAccuracy(point.evaluated, `point ${id}`),
      bytes: shipped.bytes,
      bytes_gzip: shipped.bytes_gzip,
      file: shipped.path,
      batch1_ms: shipped.latency.batch1_ms,
      test_accuracy: shipped.accuracy,
    },
  };
}

/** Runs the unfinished points of one group: one pruning fine-tune (none for sparsity 0), then each dtype. */
async function runGroup(
  ctx: RunContext,
  input: SearchInput,
  target: CompressionTarget,
  group: PruningGroup,
  onPoint: (record: PointRecord) => void,
): Promise<void> {
  const pending = group.points.filter((p) => {
    const done = readPointRecord(ctx.files, p.id);
    if (done) onPoint(done);
    return !done;
  });
  if (pending.length === 0) return;
  const groupCtx = pointContext(
    ctx,
    pointFolder(group.id),
    group.structure === 'none'
      ? {}
      : {
          pruning: { sparsity: group.sparsity, structure: group.structure, fine_tune_epochs: target.fine_tune_epochs },
        },
    tagOf(target, group.id, pending[0]!.id),
  );
  const pruned = await runPruning(
    groupCtx,
    input.student,
    input.layers,
    input.trainTeacherLogits,
    input.teacherReference,
    input.teaching,
  );
  const source = pruned ?? { model: input.student, layers: input.layers, evaluated: input.studentEvaluated };
  try {
    for (const point of pending) {
      await stopIfCancelled(ctx);
      const folder = pointFolder(point.id);
      const dtype = point.dtype === 'float32' ? undefined : point.dtype;
      const pointCtx = pointContext(
        ctx,
        folder,
        dtype ? { quantization: { dtype, aware: point.aware, fine_tune_epochs: target.fine_tune_epochs } } : {},
        tagOf(target, point.id, point.id),
      );
      pointCtx.sink.emit({ type: 'phase', phase: 'search', message: `Search point ${point.id}.` });
      const quantized = await quantizePoint(pointCtx, input, source, dtype, point.aware);
      const { measures, exports } = await exportPoint(
        pointCtx,
        input,
        point.id,
        {
          // The export quantizes these float weights (the aware ones after quantization-aware fine-tuning).
          model: quantized?.float ?? source.model,
          ...(dtype ? { dtype } : {}),
          evaluated: quantized?.evaluated ?? source.evaluated,
          params: source.evaluated.result.params,
        },
        { sparsity: point.sparsity, structure: point.structure, dtype: point.dtype, aware: point.aware },
      );
      if (quantized?.float !== source.model) quantized?.float.dispose();
      const result = quantized ? modelResultInFolder(point.id, quantized.evaluated.result) : undefined;
      const record: PointRecord = {
        measures,
        exports,
        ...(pruned ? { pruned: modelResultInFolder(group.id, pruned.evaluated.result) } : {}),
        ...(result ? (point.aware ? { quantized_aware: result } : { quantized: result }) : {}),
      };
      writePointRecord(ctx.files, record);
      onPoint(record);
    }
  } finally {
    pruned?.model.dispose();
  }
}

/**
 * A point's quantization: post-training (runQuantization) or quantization-aware fine-tuning (runQuantizationAware),
 * with the float weights the export quantizes; undefined for float32.
 */
async function quantizePoint(
  ctx: RunContext,
  input: SearchInput,
  source: { model: tf.LayersModel; layers: readonly LayerSpec[] },
  dtype: 'float16' | 'int8' | 'int4' | undefined,
  aware: boolean,
): Promise<{ float: tf.LayersModel; evaluated: Evaluated } | undefined> {
  if (!dtype) return undefined;
  if (aware)
    return runQuantizationAware(
      ctx,
      source.model,
      source.layers,
      input.trainTeacherLogits,
      input.teacherReference,
      input.teaching,
    );
  const evaluated = await runQuantization(ctx, source.model, source.layers, input.teacherReference);
  return evaluated ? { float: source.model, evaluated } : undefined;
}

async function measureShare(
  ctx: RunContext,
  input: SearchInput,
  target: CompressionTarget,
  groups: readonly PruningGroup[],
): Promise<void> {
  for (const group of groups) {
    await stopIfCancelled(ctx);
    await runGroup(ctx, input, target, group, () => undefined);
  }
}

/**
 * The merge job of a search spread over a job array: points no array task recorded (it failed, was cancelled
 * or killed first) are measured here, and the report says which.
 */
function warnAboutUnfinishedTasks(ctx: RunContext, space: readonly PruningGroup[]): void {
  if (!ctx.resume || !ctx.files.exists(SEARCH_TASKS_DIR)) return;
  // A task killed before its own move (SIGKILL, node failure) left its finished points in its copy.
  for (const copy of taskCopies(ctx.files)) collectTaskPoints(ctx.files, copy, space);
  const unfinished = space.flatMap((g) => g.points.filter((p) => !readPointRecord(ctx.files, p.id)).map((p) => p.id));
  if (unfinished.length === 0) return;
  const message = `compression.target: the Slurm array tasks left ${unfinished.length} point(s) unmeasured (${unfinished.join(', ')}); the merge job measured them. See the array's job output in slurm/.`;
  ctx.warnings.push(message);
  ctx.sink.emit({ type: 'warning', code: 'search/array-task-unfinished', message });
}

/** What the run says when the search keeps the uncompressed student. */
function outcomeWarning(outcome: SearchOutcome, maxDrop: number): string | undefined {
  if (outcome === 'compressed') return undefined;
  const why =
    outcome === 'none_within_target'
      ? `every compressed point loses more than ${maxDrop} accuracy point(s) against the student on validation`
      : `the compressed points within ${maxDrop} accuracy point(s) on validation ship no fewer bytes than the student`;
  return `compression.target: ${why}, so the run keeps the uncompressed student (${REFERENCE_POINT_ID}). Every tried point is in report.json (compression_search); a larger max_accuracy_drop or other sparsities and weight types may find one.`;
}

function judged(measures: PointMeasures, reference: number, maxDrop: number): SearchPoint {
  const drop = accuracyDrop(reference, measures.validation_accuracy);
  return { ...measures, accuracy_drop: drop, within_target: withinTarget(drop, maxDrop) };
}

/** Copies the chosen point's export files into the run's `export/` (replacing any), returning their entries there. */
function shipChosen(ctx: RunContext, record: PointRecord): ExportResult[] {
  const prefix = `${pointFolder(record.measures.id)}/`;
  const toRun = (file: string): string => (file.startsWith(prefix) ? file.slice(prefix.length) : file);
  ctx.files.removeDir(EXPORT_DIR);
  for (const entry of record.exports)
    for (const file of entry.files) ctx.files.writeFile(toRun(file), ctx.files.readBytes(file));
  return record.exports.map((e) => ({ ...e, path: toRun(e.path), files: e.files.map(toRun) }));
}

export async function runSearchPhase(ctx: RunContext, input: SearchInput): Promise<SearchResult> {
  const target = ctx.config.compression.target;
  if (!target) throw new Error('runSearchPhase needs compression.target');
  const space = searchSpace(target);
  const total = space.reduce((n, g) => n + g.points.length, 0);
  ctx.sink.emit({
    type: 'phase',
    phase: 'search',
    message: `Searching ${total} compression point(s) for the smallest model within ${target.max_accuracy_drop} accuracy point(s) on validation.`,
  });
  const startedAt = performance.now();
  const studentValidation = validationAccuracy(input.studentEvaluated, 'the distilled student');
  const records = new Map<string, PointRecord>();
  if (input.share) {
    await measureShare(ctx, input, target, searchShare(space, input.share));
    throw new SearchHandedOff(`Array task ${input.share.index} of ${input.share.count} measured its share of points.`);
  }
  warnAboutUnfinishedTasks(ctx, space);
  for (const group of space) {
    await stopIfCancelled(ctx);
    await runGroup(ctx, input, target, group, (record) => records.set(record.measures.id, record));
  }
  // The array tasks' private copies of the run (their points are in search/ now) are no longer needed.
  ctx.files.removeDir(SEARCH_TASKS_DIR);
  const points = space.flatMap((g) =>
    g.points.map((p) => judged(records.get(p.id)!.measures, studentValidation, target.max_accuracy_drop)),
  );
  addDuration(ctx, 'search', startedAt);
  const choice = choosePoint(points, REFERENCE_POINT_ID, target.objective);
  if (!choice) throw new Error(`the search space lacks its reference point ${REFERENCE_POINT_ID}`);
  const chosen = records.get(choice.chosen.id)!;
  const warning = outcomeWarning(choice.outcome, target.max_accuracy_drop);
  if (warning) {
    ctx.warnings.push(warning);
    ctx.sink.emit({ type: 'warning', code: 'search/target-not-met', message: warning });
  }
  return {
    search: {
      max_accuracy_drop: target.max_accuracy_drop,
      objective: target.objective,
      split: 'validation',
      reference: REFERENCE_POINT_ID,
      points,
      front: paretoFront(points).map((p) => p.id),
      chosen: choice.chosen.id,
      outcome: choice.outcome,
    },
    ...(chosen.pruned ? { pruned: chosen.pruned } : {}),
    ...(chosen.quantized ? { quantized: chosen.quantized } : {}),
    ...(chosen.quantized_aware ? { quantizedAware: chosen.quantized_aware } : {}),
    exports: shipChosen(ctx, chosen),
  };
}
