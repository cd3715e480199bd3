/**
 * Writes the final student as shipped files and measures each by loading it back: `tfjs/model.json` +
 * `tfjs/weights.bin` (stock tf.loadLayersModel) and `model.onnx` (onnxruntime), under `dir` of `files`.
 * Shared by the end of every run and by `distillery export`. The files are written and measured in a staging
 * folder next to `dir`, then moved into `dir` by renames: a full disk or a kill while exporting leaves the
 * previous export (if any) whole, and nothing outside `dir` and its staging folder is touched.
 */
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import type { ExportFormat, ExportResult } from '../../core/protocol/report';
import type { QuantDtype } from '../compress/quantize';
import { describeFailure, TrainerError } from '../run/errors';
import type { RunFiles } from '../run/run-files';
import {
  compareLogits,
  type FileMeasures,
  measureOnnxFile,
  measureTfjsFile,
  ONNX_MEASURED_OPTIMISATION,
  onnxLogitsUnoptimised,
  type Reference,
} from './measure-export';
import { onnxModelOf } from './onnx-graph';
import { tfjsArtifacts, TFJS_WEIGHTS_FILE } from './tfjs-export';
import { onnxRuntimeVersion } from '../onnx/runtime';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['tfjs', 'onnx'];

export interface ExportSource {
  /** The final student with float weights (before quantization: the export quantizes it as the run did). */
  readonly model: tf.LayersModel;
  readonly dtype?: QuantDtype;
  readonly reference: Reference;
  /** The TF.js backend name, for the report's `runtime`. */
  readonly backend: string;
  /** Written into the ONNX model's metadata and the TF.js model.json's `distillery` entry. */
  readonly metadata: Readonly<Record<string, string>>;
}

function sizes(files: RunFiles, written: readonly string[]): { bytes: number; bytes_gzip: number } {
  let bytes = 0;
  let gzip = 0;
  for (const file of written) {
    const data = files.readBytes(file);
    bytes += data.byteLength;
    gzip += gzipSync(data, { level: 9 }).byteLength;
  }
  return { bytes, bytes_gzip: gzip };
}

function result(
  base: Omit<ExportResult, 'accuracy' | 'agreement' | 'fidelity' | 'latency' | 'bytes' | 'bytes_gzip'>,
  files: RunFiles,
  measured: FileMeasures,
  reference: Reference,
): ExportResult {
  return { ...base, ...sizes(files, base.files), ...compareLogits(measured, reference), latency: measured.latency };
}

/** The staging folder of `dir`: `export.partial` for `export`, `.export.partial` for the root of --out. */
export function stagingOf(dir: string): string {
  return dir === '' || dir === '.' ? '.export.partial' : `${dir}.partial`;
}

async function exportTfjs(source: ExportSource, files: RunFiles, dir: string): Promise<ExportResult> {
  const artifacts = await tfjsArtifacts(source.model, source.dtype);
  const modelFile = path.posix.join(dir, 'tfjs', 'model.json');
  const weightsFile = path.posix.join(dir, 'tfjs', TFJS_WEIGHTS_FILE);
  files.writeFile(weightsFile, artifacts.weights);
  files.writeFile(modelFile, JSON.stringify({ ...artifacts.modelJson, distillery: source.metadata }));
  const measured = await measureTfjsFile(files.resolve(modelFile), modelFile, source.reference);
  return result(
    {
      format: 'tfjs',
      path: modelFile,
      files: [modelFile, weightsFile],
      weights: artifacts.storage,
      input: {
        layout: source.reference.test.inputShape.length === 3 ? 'nhwc' : 'features',
        shape: ['batch', ...source.reference.test.inputShape],
      },
      runtime: `@tensorflow/tfjs ${tf.version.tfjs} (${source.backend})`,
    },
    files,
    measured,
    source.reference,
  );
}

async function exportOnnx(source: ExportSource, files: RunFiles, dir: string): Promise<ExportResult> {
  const encoded = onnxModelOf(source.model, source.dtype, source.metadata, `tfjs-layers ${tf.version_layers}`);
  const file = path.posix.join(dir, 'model.onnx');
  files.writeFile(file, encoded.bytes);
  const measured = await measureOnnxFile(files.resolve(file), source.reference);
  // The same file without onnxruntime's graph rewrites: tells the file's fidelity apart from the runtime's (cheap: one more pass over the test split).
  const unoptimised = compareLogits(
    { logits: await onnxLogitsUnoptimised(files.resolve(file), source.reference), latency: measured.latency },
    source.reference,
  );
  const weights = !source.dtype ? 'float32' : source.dtype === 'float16' ? 'float16' : 'int8';
  return result(
    {
      format: 'onnx',
      path: file,
      files: [file],
      weights: source.dtype === 'int4' ? 'int8 (int4 values)' : weights,
      input: { layout: encoded.layout, shape: encoded.inputShape },
      runtime: `onnxruntime-node ${onnxRuntimeVersion()} (${ONNX_MEASURED_OPTIMISATION})`,
      without_graph_optimisations: { accuracy: unoptimised.accuracy, fidelity: unoptimised.fidelity },
    },
    files,
    measured,
    source.reference,
  );
}

export async function exportStudent(
  source: ExportSource,
  files: RunFiles,
  dir: string,
  formats: readonly ExportFormat[] = EXPORT_FORMATS,
): Promise<ExportResult[]> {
  const staging = stagingOf(dir);
  files.removeDir(staging);
  try {
    const staged: ExportResult[] = [];
    for (const format of formats)
      staged.push(
        format === 'tfjs' ? await exportTfjs(source, files, staging) : await exportOnnx(source, files, staging),
      );
    const final = (file: string): string => path.posix.join(dir, path.posix.relative(staging, file));
    for (const entry of staged) for (const file of entry.files) files.move(file, final(file));
    return staged.map((entry) => ({ ...entry, path: final(entry.path), files: entry.files.map(final) }));
  } finally {
    files.removeDir(staging);
  }
}

/** A failed export, worded for what the user can do: the run's other results are kept; `distillery export` retries. */
export function exportFailure(error: unknown, runDir: string): TrainerError {
  const failure = describeFailure(error);
  const fix = failure.hint ? `${failure.hint.replace(/ and run again with --resume.*$/, '')}, then r` : 'R';
  return new TrainerError(
    `Exporting the final student failed: ${failure.error}`,
    `Every result before the export is in report.json. ${fix}un \`distillery export ${runDir}\` to write the exports.`,
    (error as { code?: string }).code,
  );
}
