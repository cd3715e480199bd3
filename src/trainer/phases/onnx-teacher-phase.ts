/**
 * A teacher exported to ONNX: opened with onnxruntime (checked against the data first), run once in batches
 * over every split, its outputs written chunk by chunk to the run (`teacher/outputs/*.f32`, float-records.ts, as
 * the TF.js teacher's: reused by --resume and read by the baseline worker), read back per training batch, and
 * evaluated from the test and validation outputs. Its hint values are fetched in the same pass. Under
 * `training.augment` it is opened again for the student, to label each augmented batch.
 */
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Latency } from '../../core/protocol/report';
import { readBinaryFile } from '../../node/file-system';
import { type Dataset, type Examples, indexRange, inferenceBatchRows, readAll } from '../data/dataset';
import { type FloatRecordWriter, floatRecordFile, openFloatRecords } from '../data/float-records';
import type { PreparedData } from '../data/load-data';
import { evaluateLogits, type TeacherOutputs } from '../eval/evaluate-model';
import { onnxBatchTeacher } from '../onnx/onnx-batch-teacher';
import { OnnxTeacher, type OnnxTeacherSpec } from '../onnx/onnx-teacher';
import { modelResult } from '../run/model-result';
import type { RunFiles } from '../run/run-files';
import { addDuration, type RunContext, stopIfCancelled } from './run-context';
import type { TeacherOutcome } from './teacher-phase';

export const TEACHER_OUTPUTS = 'teacher/outputs';
export const teacherOutputFile = (name: string): string => `${TEACHER_OUTPUTS}/${name}.f32`;

/** The outputs of one split, on disk in the run and read by row: logits, then each hint value (training split). */
interface SplitOutputs {
  readonly logits: Examples;
  readonly features: Examples[];
}

/** The file of output `name` in the run, and its absolute path (errors name it so it can be deleted). */
function outputFile(files: RunFiles, name: string): string {
  return files.resolve(teacherOutputFile(name));
}

/** Logits (and hint values for the training split) of one split: from the run's files on resume, else computed. */
async function outputsOf(
  ctx: RunContext,
  teacher: OnnxTeacher,
  split: 'train' | 'test' | 'validation',
  data: Dataset,
  hints: readonly string[],
): Promise<SplitOutputs> {
  const rows = data.y.length;
  const classes = ctx.data.classNames.length;
  const hintNames = hints.map((_, i) => `${split}-hint-${i + 1}`);
  const written = [`${split}-logits`, ...hintNames].every((name) => ctx.files.exists(teacherOutputFile(name)));
  if (ctx.resume && written) {
    const open = (name: string, width: number | undefined): Examples => {
      const file = outputFile(ctx.files, name);
      return openFloatRecords(file, rows, width, file);
    };
    return { logits: open(`${split}-logits`, classes), features: hintNames.map((name) => open(name, undefined)) };
  }
  return writeInChunks(ctx.files, teacher, data, split, hintNames, classes);
}

/**
 * Rows read from the data at most this many at a time (fewer when they are wide: at most 4 MiB of inputs, as every
 * inference batch), so the split's inputs and outputs are never all in memory at once.
 */
const CHUNK_ROWS = 4096;

/** Runs the teacher over `data` a chunk at a time, appending each chunk's outputs to the split's files. */
async function writeInChunks(
  files: RunFiles,
  teacher: OnnxTeacher,
  data: Dataset,
  split: string,
  hintNames: readonly string[],
  classes: number,
): Promise<SplitOutputs> {
  const writer = (name: string, width: number): FloatRecordWriter => {
    const file = outputFile(files, name);
    return floatRecordFile(file, width);
  };
  const logits = writer(`${split}-logits`, classes);
  // A hint value's width is known once the teacher has produced it.
  let features: FloatRecordWriter[] | undefined;
  const chunk = inferenceBatchRows(data.x.width, CHUNK_ROWS);
  try {
    for (let start = 0; start < data.x.count; start += chunk) {
      const count = Math.min(data.x.count, start + chunk) - start;
      const out = await teacher.run(data.x.rows(indexRange(start, start + count)), hintNames.length > 0);
      logits.append(out.logits);
      features ??= hintNames.map((name, i) => writer(name, out.features[i]!.length / count));
      features.forEach((f, i) => f.append(out.features[i]!));
    }
    return { logits: logits.finish(), features: (features ?? []).map((f) => f.finish()) };
  } catch (error) {
    logits.abandon();
    features?.forEach((f) => f.abandon());
    throw error;
  }
}

/** Median time of a teacher call at batch 1 and at the training batch size (onnxruntime, this machine). */
async function latencyOf(teacher: OnnxTeacher, data: Dataset, batchSize: number): Promise<Latency> {
  const batch = Math.max(1, Math.min(batchSize, 256, data.y.length));
  const median = async (rows: number, repeats: number): Promise<number> => {
    const x = data.x.rows(indexRange(0, rows));
    const times: number[] = [];
    for (let i = 0; i < repeats + 2; i++) {
      const started = performance.now();
      await teacher.run(x, false);
      if (i >= 2) times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  };
  return { batch1_ms: await median(1, 25), batched_ms: (await median(batch, 5)) / batch, batch_size: batch };
}

export async function runOnnxTeacherPhase(ctx: RunContext, modelPath: string): Promise<TeacherOutcome> {
  const { config, data } = ctx;
  const file = path.resolve(ctx.configDir, modelPath);
  const hints = [...new Set(config.distillation.features.map((p) => p.teacher))];
  const spec: OnnxTeacherSpec = {
    file,
    shown: modelPath,
    ...(config.teacher.input ? { input: config.teacher.input } : {}),
    ...(config.teacher.output ? { output: config.teacher.output } : {}),
    dataShape: data.inputShape,
    classes: data.classNames.length,
    hintValues: hints,
    ...(data.standardization ? { standardization: data.standardization } : {}),
  };
  const teacher = await OnnxTeacher.open(spec);
  try {
    if (teacher.probabilities)
      ctx.warnings.push(
        `${modelPath}: the output ends in a Softmax; its log-probabilities are used as logits (equal up to a constant per example).`,
      );
    const started = performance.now();
    const train = await outputsOf(ctx, teacher, 'train', data.train, hints);
    await stopIfCancelled(ctx);
    const test = await outputsOf(ctx, teacher, 'test', data.test, []);
    const validation = data.validation.y.length
      ? await outputsOf(ctx, teacher, 'validation', data.validation, [])
      : undefined;
    addDuration(ctx, 'teacher', started);
    const evalStarted = performance.now();
    const evaluation = evaluateLogits({
      logits: readAll(test.logits),
      test: data.test,
      ...(validation ? { validation: data.validation, validationLogits: readAll(validation.logits) } : {}),
      fgsmEpsilon: config.evaluation.robustness.fgsm_epsilon,
      latency: await latencyOf(teacher, data.test, config.training.batch_size),
    });
    const bytes = readBinaryFile(file, 'onnx');
    const result = modelResult(
      `teacher (${modelPath}, onnxruntime)`,
      evaluation,
      {
        params: teacher.params,
        nonzeroParams: teacher.params,
        bytes: bytes.byteLength,
        bytesGzip: gzipSync(bytes, { level: 9 }).byteLength,
      },
      'float32',
    );
    addDuration(ctx, 'evaluation', evalStarted);
    ctx.sink.emit({
      type: 'eval',
      role: 'teacher',
      metrics: evaluation.metrics,
      params: result.params,
      bytes: result.bytes,
    });
    return {
      evaluated: { evaluation, result },
      outputsProbabilities: false,
      precomputed: {
        trainLogits: train.logits,
        features: new Map(hints.map((name, i) => [name, train.features[i]!])),
      },
      // Under training.augment the student phase opens its own session to label each augmented batch.
      openBatchTeacher: async (pairValues) =>
        onnxBatchTeacher(await OnnxTeacher.open(spec), data.classNames.length, pairValues),
    };
  } finally {
    await teacher.release();
  }
}

/** The cached teacher logits on the test and validation splits, when a teacher run elsewhere wrote them. */
export function cachedTeacherReference(files: RunFiles, data: PreparedData): TeacherOutputs | undefined {
  const read = (name: string, rows: number): Float32Array | undefined => {
    if (!files.exists(teacherOutputFile(name))) return undefined;
    const file = outputFile(files, name);
    return readAll(openFloatRecords(file, rows, data.classNames.length, file));
  };
  const test = read('test-logits', data.test.y.length);
  if (!test) return undefined;
  if (data.validation.y.length === 0) return { test };
  const validation = read('validation-logits', data.validation.y.length);
  return validation ? { test, validation } : undefined;
}
