/**
 * A teacher exported to ONNX: opened with onnxruntime (checked against the data first), run once in batches
 * over every split, its outputs cached in the run (`teacher/outputs/*.f32`: reused by --resume and read by
 * the baseline worker) and evaluated from those outputs. Its hint values are fetched in the same pass. Under
 * `training.augment` it is opened again for the student, to label each augmented batch.
 */
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Latency } from '../../core/protocol/report';
import { readBinaryFile } from '../../node/file-system';
import { type Dataset, indexRange } from '../data/dataset';
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

function readCached(files: RunFiles, name: string, expected: number): Float32Array | undefined {
  const file = teacherOutputFile(name);
  if (!files.exists(file)) return undefined;
  const bytes = files.readBytes(file);
  if (bytes.byteLength !== expected * 4) return undefined;
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

function writeCached(files: RunFiles, name: string, values: Float32Array): void {
  files.writeFile(teacherOutputFile(name), new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
}

/** Logits (and hint values for the training split) of one split: from the run's cache on resume, else computed. */
async function outputsOf(
  ctx: RunContext,
  teacher: OnnxTeacher,
  split: 'train' | 'test' | 'validation',
  data: Dataset,
  hints: readonly string[],
): Promise<{ logits: Float32Array; features: Float32Array[] }> {
  const rows = data.y.length;
  const classes = ctx.data.classNames.length;
  if (ctx.resume) {
    const logits = readCached(ctx.files, `${split}-logits`, rows * classes);
    const features = hints.map((_, i) => readHint(ctx.files, `${split}-hint-${i + 1}`, rows));
    if (logits && features.every((f): f is Float32Array => f !== undefined)) return { logits, features };
  }
  const computed = await runInChunks(teacher, data, split === 'train' && hints.length > 0);
  writeCached(ctx.files, `${split}-logits`, computed.logits);
  computed.features.forEach((f, i) => writeCached(ctx.files, `${split}-hint-${i + 1}`, f));
  return computed;
}

/** Rows read from the data this many at a time, so the split's inputs are never all in memory at once. */
const CHUNK_ROWS = 4096;

async function runInChunks(
  teacher: OnnxTeacher,
  data: Dataset,
  withFeatures: boolean,
): Promise<{ logits: Float32Array; features: Float32Array[] }> {
  const parts: { logits: Float32Array; features: Float32Array[] }[] = [];
  for (let start = 0; start < data.x.count; start += CHUNK_ROWS)
    parts.push(
      await teacher.run(data.x.rows(indexRange(start, Math.min(data.x.count, start + CHUNK_ROWS))), withFeatures),
    );
  if (parts.length === 0) return teacher.run(new Float32Array(0), withFeatures);
  if (parts.length === 1) return parts[0]!;
  const join = (pick: (p: (typeof parts)[number]) => Float32Array): Float32Array => {
    const out = new Float32Array(parts.reduce((n, p) => n + pick(p).length, 0));
    let offset = 0;
    for (const p of parts) {
      out.set(pick(p), offset);
      offset += pick(p).length;
    }
    return out;
  };
  const featureCount = parts[0]?.features.length ?? 0;
  return {
    logits: join((p) => p.logits),
    features: Array.from({ length: featureCount }, (_, f) => join((p) => p.features[f]!)),
  };
}

function readHint(files: RunFiles, name: string, rows: number): Float32Array | undefined {
  if (!files.exists(teacherOutputFile(name))) return undefined;
  const bytes = files.readBytes(teacherOutputFile(name));
  if (rows === 0 || bytes.byteLength % (rows * 4) !== 0) return undefined;
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
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
      logits: test.logits,
      test: data.test,
      ...(validation ? { validation: data.validation, validationLogits: validation.logits } : {}),
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
    const featureWidths = train.features.map((f) => f.length / Math.max(1, data.train.y.length));
    return {
      evaluated: { evaluation, result },
      outputsProbabilities: false,
      precomputed: {
        trainLogits: train.logits,
        features: new Map(hints.map((name, i) => [name, { values: train.features[i]!, width: featureWidths[i]! }])),
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
  const classes = data.classNames.length;
  const test = readCached(files, 'test-logits', data.test.y.length * classes);
  if (!test) return undefined;
  if (data.validation.y.length === 0) return { test };
  const validation = readCached(files, 'validation-logits', data.validation.y.length * classes);
  return validation ? { test, validation } : undefined;
}
