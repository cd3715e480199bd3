/**
 * `distillery export RUN_DIR`: the exports of a finished run, written again through the same code as the end
 * of a run (for runs made before exports existed, runs killed while exporting, and other formats later).
 * The final student is rebuilt from the run's own files: `quantized-aware/float/` (else `pruned/`, else
 * `student/`; the folders the report's models name, e.g. an accuracy-aware search's chosen point in `search/`) with the quantization the report names applied as the run applied it; its in-process logits come
 * from `quantized-aware/` (else `quantized/`, else the same model), the teacher's from `teacher/`; the test split from the run's config snapshot and seed.
 */
import * as path from 'node:path';
import { parseConfig } from '../../core/config/parse';
import type { ExportFormat, ExportResult, RunReport } from '../../core/protocol/report';
import { renderReportMarkdown } from '../../core/format/report-markdown';
import {
  CONFIG_SNAPSHOT_FILE,
  EVENTS_FILE,
  EXPORT_DIR,
  MODEL_DIRS,
  QUANTIZED_AWARE_FLOAT_DIR,
  REPORT_FILE,
  REPORT_MARKDOWN_FILE,
} from '../../core/runs/layout';
import { readRunReport } from '../../core/runs/read-report';
import { nodeFileSystem } from '../../node/file-system';
import { type BackendPreference, selectBackend } from '../backend/select-backend';
import type { QuantDtype } from '../compress/quantize';
import { prepareData } from '../data/load-data';
import { loadModel } from '../model/model-files';
import { exportMetadata } from '../phases/export-phase';
import { TrainerError } from '../run/errors';
import { RunFiles } from '../run/run-files';
import { predictAll } from '../train/predict';
import { EXPORT_FORMATS, exportFailure, exportStudent } from './export-student';
import { withExports } from './report-exports';
import { onnxUnmeasuredMessage, slowerStepMessages } from '../../core/format/shipped-latency-text';
import type { ShippedRole } from '../../core/protocol/shipped-latency';
import { latencySample } from '../eval/latency';
import { measureShippedFilesOrWarn, shippedFiles } from '../eval/shipped-latency';

export interface ReexportOptions {
  readonly formats?: readonly ExportFormat[];
  /** Write the files here instead of RUN_DIR/export (report.json is then left as it is). */
  readonly outDir?: string;
  readonly backend?: BackendPreference;
}

export interface ReexportOutcome {
  readonly exports: readonly ExportResult[];
  /** Where the paths of `exports` are relative to. */
  readonly root: string;
  readonly reportUpdated: boolean;
}

/** The run's report through core/runs' one reader; the export needs a valid one. */
function reportOf(runDir: string): RunReport {
  const read = readRunReport(nodeFileSystem, runDir);
  if (read.ok) return read.report;
  throw new TrainerError(
    `${REPORT_FILE} cannot be read: ${read.error}.`,
    read.missing ? `Give the folder of a run that got as far as its report (see its ${EVENTS_FILE}).` : undefined,
  );
}

export async function reexportRun(runDir: string, options: ReexportOptions = {}): Promise<ReexportOutcome> {
  const report = reportOf(runDir);
  if (!report.student)
    throw new TrainerError(
      `The run ${report.run_id} has no trained student to export (status ${report.status}${report.error ? `: ${report.error}` : ''}).`,
      'Export a run that got past its student phase.',
    );
  const run = new RunFiles(runDir);
  const config = parseConfig(run.readText(CONFIG_SNAPSHOT_FILE)).config;
  const backend = await selectBackend(options.backend);
  const data = prepareData(config, path.dirname(report.config_path));
  const load = async (dir: string) => (await loadModel(run.resolve(`${dir}/model.json`), `${dir}/model.json`)).model;
  // Each model's folder as the report names it (an accuracy-aware search keeps its chosen point's models in
  // search/<point>/), else the run's own folder of that role.
  const dirOf = (role: 'pruned' | 'quantized' | 'quantized_aware'): string =>
    report[role]?.model_dir ?? MODEL_DIRS[role];
  const source = await load(
    report.quantized_aware
      ? report.quantized_aware.model_dir
        ? `${report.quantized_aware.model_dir}/${path.posix.relative(MODEL_DIRS.quantized_aware, QUANTIZED_AWARE_FLOAT_DIR)}`
        : QUANTIZED_AWARE_FLOAT_DIR
      : report.pruned
        ? dirOf('pruned')
        : MODEL_DIRS.student,
  );
  const quantized: 'quantized' | 'quantized_aware' | undefined = report.quantized_aware
    ? 'quantized_aware'
    : report.quantized
      ? 'quantized'
      : undefined;
  const dtype = quantized && (report[quantized]?.dtype as QuantDtype | undefined);
  const inRun = quantized ? await load(dirOf(quantized)) : source;
  const teacher = await load(MODEL_DIRS.teacher);
  const logitsOf = (model: typeof source): Float32Array => predictAll(model, data.test.x, data.test.inputShape)[0]!;
  const studentLogits = logitsOf(inRun);
  const teacherLogits = logitsOf(teacher);
  const files = options.outDir ? new RunFiles(path.resolve(options.outDir)) : run;
  const exported = await exportStudent(
    {
      model: source,
      ...(dtype ? { dtype } : {}),
      reference: { test: data.test, studentLogits, teacherLogits, batchSize: config.training.batch_size },
      backend: backend.name,
      metadata: exportMetadata(data, report.run_id),
    },
    files,
    options.outDir ? '' : EXPORT_DIR,
    options.formats ?? EXPORT_FORMATS,
  ).catch((error: unknown) => {
    throw exportFailure(error, runDir);
  });
  for (const model of new Set([source, inRun, teacher])) model.dispose();
  if (options.outDir) return { exports: exported, root: files.root, reportUpdated: false };
  const kept = (report.exports ?? []).filter((e) => !exported.some((x) => x.format === e.format));
  const withFiles = withExports(report, [...kept, ...exported]);
  // The shipped files changed (or exist for the first time): their latency is measured again, as a run does.
  const steps: ShippedRole[] = [
    'student',
    ...(report.pruned ? ['pruned' as const] : []),
    ...(quantized ? [quantized] : []),
  ];
  const shipped = shippedFiles(steps, withFiles.exports ?? [], (file) => run.resolve(file), {
    pruned: dirOf('pruned'),
  });
  const { latency, warning } = shipped
    ? await measureShippedFilesOrWarn(shipped, {
        sample: latencySample(data.test.x, config.training.batch_size),
        inputShape: data.test.inputShape,
        batchSize: config.training.batch_size,
      })
    : {};
  const added = [...(latency ? [onnxUnmeasuredMessage(latency), ...slowerStepMessages(latency)] : []), warning].filter(
    (m): m is string => m !== undefined && !report.warnings.includes(m),
  );
  // A failed timing keeps the new exports and drops the latency of the old files (it no longer describes them).
  const { shipped_latency: _old, ...withoutLatency } = withFiles;
  const updated: RunReport = latency
    ? { ...withFiles, shipped_latency: latency, warnings: [...withFiles.warnings, ...added] }
    : shipped
      ? { ...withoutLatency, warnings: [...withFiles.warnings, ...added] }
      : withFiles;
  run.writeFile(REPORT_FILE, `${JSON.stringify(updated, null, 2)}\n`);
  run.writeFile(REPORT_MARKDOWN_FILE, renderReportMarkdown(updated));
  return { exports: updated.exports ?? [], root: runDir, reportUpdated: true };
}
