/**
 * One run from config to report, shared by `node dist/trainer.js` (the process the extension spawns) and
 * `distillery train`. Every ending writes report.json + report.md and a terminal event: `done`, `failed`
 * (with error and hint) or `cancelled`. Writes only inside the run directory.
 */
import { teacherOutputFile } from './phases/onnx-teacher-phase';
import type { Examples } from './data/dataset';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { CompressionSearch } from '../core/protocol/compression-search';
import type {
  DistillationGain,
  ExportResult,
  MemoryEstimate,
  ModelResult,
  RunReport,
  RunStatus,
} from '../core/protocol/report';
import type { PhaseName, RunEvent } from '../core/protocol/run-events';
import { CONFIG_SNAPSHOT_FILE, REPORT_FILE, REPORT_MARKDOWN_FILE, RUN_ENTRIES } from '../core/runs/layout';
import { readRunReport } from '../core/runs/read-report';
import { type BackendPreference, selectBackend } from './backend/select-backend';
import { prepareData } from './data/load-data';
import { type TeacherOutputs, teacherOutputsOf } from './eval/evaluate-model';
import { runPruning, runQuantization } from './phases/compression-phase';
import { runQuantizationAware } from './phases/quantization-aware-phase';
import { runExportPhase } from './phases/export-phase';
import { runLatencyPhase } from './phases/latency-phase';
import type { ShippedLatency, ShippedRole } from '../core/protocol/shipped-latency';
import { runSearchPhase } from './phases/search-phase';
import { fineTunings, type SearchShare } from '../core/compression/search-space';
import { withExports } from './export/report-exports';
import { type RunContext, stopIfCancelled } from './phases/run-context';
import type { TeacherOutcome } from './phases/teacher-phase';
import type { DistillConfig, LayerSpec } from '../core/config/types';
import { type BaselineOutcome, runBaselinePhase } from './phases/baseline-phase';
import { runStudentPhase, type StudentOutcome, studentLayersFor } from './phases/student-phase';
import { startBaselineWorker, WORKER_CANCEL_GRACE_MS } from './run/baseline-worker';
import { runAssistantPhase } from './phases/assistant-phase';
import { runTeacherPhase, teacherLogitsFor } from './phases/teacher-phase';
import type { Cancellation } from './run/cancellation';
import { type CheckedConfig, checkConfigFile } from './run/config-check';
import { distillationGain } from './run/distillation-gain';
import { CancelledError, describeFailure, SearchHandedOff, TrainerError } from './run/errors';
import { EventSink } from './run/event-sink';
import { ProgressClock } from './run/progress-clock';
import { renderReportMarkdown } from '../core/format/report-markdown';
import { summarizeReport } from '../core/format/report-summary';
import { RunFiles } from './run/run-files';
import { classifyRunFolder } from './run/run-folder';
import { acquireRunLock } from './run/run-lock';
import { planRunDir } from './run/run-location';
import { baselineInWorker, checkMemoryBudget, memoryBudget, peakResidentBytes } from './run/memory-budget';
import { estimateDataStorage, measuredDataStorage } from './data/storage-estimate';
import { teacherBelowBaseline, type TeacherWarning, teacherQualityWarnings } from './run/teacher-quality';

export interface RunOptions {
  readonly configPath: string;
  readonly runDir?: string;
  /** Training seed of the first seed (default: data.split.seed). */
  readonly seed?: number;
  readonly resume: boolean;
  readonly onEvent: (event: RunEvent) => void;
  readonly cancellation: Cancellation;
  readonly backend?: BackendPreference;
  /** A search spread over a Slurm job array (src/trainer/run/search-share.ts): stop once the student is trained. */
  readonly stopBeforeSearch?: boolean;
  /** A search spread over a Slurm job array: measure only this array task's share of the points, then stop. */
  readonly searchShare?: SearchShare;
  /** The run's id when `runDir` is not the run's own folder (an array task's copy): exports carry the run's. */
  readonly runId?: string;
}

export interface RunOutcome {
  readonly report: RunReport;
  readonly runDir: string;
  /** 0 done, 1 failed, 130 cancelled. */
  readonly exitCode: number;
  /** The run goes on in another Slurm job (`stopBeforeSearch`, `searchShare`); `report` is what it has so far, not written. */
  readonly handedOff?: boolean;
}

interface Results {
  teacher?: ModelResult;
  assistant?: ModelResult;
  student?: ModelResult;
  baseline?: ModelResult;
  pruned?: ModelResult;
  quantized?: ModelResult;
  quantizedAware?: ModelResult;
  exports?: ExportResult[];
  shippedLatency?: ShippedLatency;
  search?: CompressionSearch;
  gain: DistillationGain | null;
  /** The memory estimate checked before training. */
  memory?: MemoryEstimate;
  /** The baseline worker process's peak resident memory, when the baseline ran in one. */
  workerPeakRss?: number;
  dataset?: RunReport['dataset'];
}

/** True when `file` (after links) lies in `dir` (after links) under an entry a fresh run clears. */
function isCleared(dir: string, file: string): boolean {
  const real = (p: string): string => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const relative = path.relative(real(dir), real(file));
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return false;
  return RUN_ENTRIES.includes(relative.split(path.sep)[0]!);
}

/** The files a run reads: a fresh run clears its folder, so none of them may live there. */
function inputsOf(configPath: string, config: DistillConfig | undefined): string[] {
  const dir = path.dirname(configPath);
  const source = config?.data.source;
  return [
    configPath,
    ...(config?.teacher.model ? [path.resolve(dir, config.teacher.model)] : []),
    ...(source?.kind === 'csv' ? [path.resolve(dir, source.csv)] : []),
    ...(source?.kind === 'images' ? [path.resolve(dir, source.images)] : []),
  ];
}

/**
 * Takes the run directory: refuses a folder holding anything the trainer did not write, takes its lock
 * (a second trainer refuses), and for a fresh run clears what a previous run left.
 */
function prepareRunDir(
  runDir: string,
  resume: boolean,
  inputs: readonly string[],
): { files: RunFiles; release: () => void } {
  const verdict = classifyRunFolder(runDir);
  if (verdict.kind === 'foreign') {
    // Never clear or mix into a folder that is not a run (e.g. `--run-dir .` in a project).
    throw new TrainerError(
      `${runDir} is not empty and is not a Distillery run directory: ${verdict.reason ?? 'unknown content'}. Nothing in it was touched.`,
      "Pass a new or empty folder to --run-dir (or a previous run's folder to replace or --resume it).",
      'foreign-run-dir',
    );
  }
  if (resume && verdict.kind !== 'run')
    throw new TrainerError(`${runDir} holds no run to resume.`, 'Give --resume the --run-dir of an earlier run.');
  fs.mkdirSync(runDir, { recursive: true });
  const release = acquireRunLock(runDir);
  const files = new RunFiles(runDir);
  if (!resume) {
    const input = inputs.find((file) => isCleared(runDir, file));
    if (input) {
      release();
      throw new TrainerError(
        `${input} is inside the run directory ${runDir}, which a new run clears.`,
        'Copy it out of the run folder or choose another --run-dir (or add --resume to continue that run).',
        'input-in-run-dir',
      );
    }
    for (const entry of RUN_ENTRIES) files.removeDir(entry);
  }
  return { files, release };
}

function plannedPhases(ctx: Pick<RunContext, 'config'>): PhaseName[] {
  const { config } = ctx;
  return [
    'data',
    'teacher',
    ...(config.teacher.assistant ? ['assistant' as const] : []),
    'student',
    ...(config.evaluation.baseline ? ['baseline' as const] : []),
    ...(config.compression.target
      ? ['search' as const]
      : [
          ...(config.compression.pruning ? ['pruning' as const] : []),
          ...(config.compression.quantization ? ['quantization' as const] : []),
        ]),
    'report',
  ];
}

function plannedEpochs(ctx: Pick<RunContext, 'config'>): number {
  const { config } = ctx;
  return (
    (config.teacher.model ? 0 : config.teacher.training.epochs) +
    (config.teacher.assistant ? config.training.epochs : 0) +
    config.evaluation.seeds * config.training.epochs * (config.evaluation.baseline ? 2 : 1) +
    (config.compression.target
      ? fineTunings(config.compression.target) * config.compression.target.fine_tune_epochs
      : (config.compression.pruning?.fine_tune_epochs ?? 0) +
        (config.compression.quantization?.aware ? config.compression.quantization.fine_tune_epochs : 0))
  );
}

function attempt<T>(compute: () => T): T | undefined {
  try {
    return compute();
  } catch {
    return undefined;
  }
}

export async function runTraining(options: RunOptions): Promise<RunOutcome> {
  const startedIso = new Date().toISOString();
  const startedAt = performance.now();
  const configPath = path.resolve(options.configPath);
  const runDir = planRunDir(configPath, options.runDir);
  const runId = options.runId ?? path.basename(runDir);
  const warnings: string[] = [];
  const durations: Record<string, number> = {};
  const results: Results = { gain: null };
  let backend = 'none';
  let files: RunFiles | undefined;
  let sink = new EventSink(undefined, options.onEvent);
  let status: RunStatus = 'done';
  let failure: { error: string; hint?: string } | undefined;
  let releaseLock = (): void => undefined;
  let handedOff: SearchHandedOff | undefined;
  const reportOf = (ending: RunStatus, why?: { error: string; hint?: string }): RunReport => {
    const report: RunReport = {
      schema_version: 1,
      run_id: runId,
      status: ending,
      ...(why && ending === 'failed' ? why : {}),
      ...(ending === 'cancelled' && why ? { error: why.error } : {}),
      config_path: configPath,
      started: startedIso,
      finished: new Date().toISOString(),
      backend,
      durations: { ...durations, total: (performance.now() - startedAt) / 1000 },
      ...(results.dataset ? { dataset: results.dataset } : {}),
      peak_rss_bytes: peakResidentBytes(),
      ...(results.workerPeakRss === undefined ? {} : { baseline_worker_peak_rss_bytes: results.workerPeakRss }),
      ...(results.memory ? { memory_estimate: results.memory } : {}),
      distillation_gain: results.gain,
      ...(results.teacher ? { teacher: results.teacher } : {}),
      ...(results.assistant ? { assistant: results.assistant } : {}),
      ...(results.student ? { student: results.student } : {}),
      ...(results.baseline ? { baseline: results.baseline } : {}),
      ...(results.pruned ? { pruned: results.pruned } : {}),
      ...(results.quantized ? { quantized: results.quantized } : {}),
      ...(results.quantizedAware ? { quantized_aware: results.quantizedAware } : {}),
      ...(results.shippedLatency ? { shipped_latency: results.shippedLatency } : {}),
      ...(results.search ? { compression_search: results.search } : {}),
      warnings,
    };
    return results.exports ? withExports(report, results.exports) : report;
  };
  try {
    // The config is checked before the folder is cleared (it names the inputs that must not be in it); its
    // errors are raised after, so the failure still gets its report in the run directory.
    let checked: CheckedConfig | undefined;
    let checkError: unknown;
    try {
      checked = checkConfigFile(configPath);
    } catch (error) {
      checkError = error;
    }
    const taken = prepareRunDir(runDir, options.resume, inputsOf(configPath, checked?.config));
    files = taken.files;
    releaseLock = taken.release;
    sink = new EventSink(files, options.onEvent);
    if (!checked) throw checkError;
    warnings.push(...checked.warnings);
    const { config } = checked;
    const snapshot = CONFIG_SNAPSHOT_FILE;
    if (options.resume && files.exists(snapshot) && files.readText(snapshot) !== checked.text) {
      warnings.push(
        'The config changed since this run started; resuming with the new config (checkpoints of changed models may not fit).',
      );
    }
    files.writeFile(snapshot, checked.text);
    const choice = await selectBackend(options.backend);
    backend = choice.name;
    if (choice.fixes.length) warnings.push(`wasm backend with Distillery kernels: ${choice.fixes.join(', ')}`);
    const partial = { config };
    // Data that cannot be listed (a missing folder) fails below, in the data phase, with its own message.
    const storage = attempt(() => estimateDataStorage(config, path.dirname(configPath)));
    const memory = storage ? memoryBudget(storage, config, checked.models) : undefined;
    if (memory)
      results.memory = {
        estimated_bytes: memory.estimated_bytes,
        available_bytes: memory.available_bytes,
        ...(memory.breakdown ? { breakdown: memory.breakdown } : {}),
      };
    sink.emit({
      type: 'start',
      run_id: runId,
      run_dir: runDir,
      config_path: configPath,
      backend,
      pid: process.pid,
      phases: plannedPhases(partial),
      seeds: config.evaluation.seeds,
      resumed: options.resume,
      ...(memory ? { memory } : {}),
    });
    if (memory) checkMemoryBudget(memory, config);
    for (const w of warnings) sink.emit({ type: 'warning', message: w });
    const dataStarted = performance.now();
    sink.emit({ type: 'phase', phase: 'data', message: 'Loading and splitting the data.' });
    const data = prepareData(config, path.dirname(configPath), (message) =>
      sink.emit({ type: 'phase', phase: 'data', message }),
    );
    results.dataset = { ...data.summary, ...(memory ? { storage: measuredDataStorage(memory.data, data.cache) } : {}) };
    durations.data = (performance.now() - dataStarted) / 1000;
    const ctx: RunContext = {
      config,
      configDir: path.dirname(configPath),
      files,
      sink,
      data,
      baseSeed: options.seed ?? config.data.split.seed,
      resume: options.resume,
      clock: new ProgressClock(plannedEpochs(partial)),
      warnings,
      durations,
      isCancelled: () => options.cancellation.reason(),
    };
    await stopIfCancelled(ctx);
    sink.emit({
      type: 'phase',
      phase: 'teacher',
      message: config.teacher.model ? `Loading the teacher ${config.teacher.model}.` : 'Training the teacher.',
    });
    const teacher = await runTeacherPhase(ctx);
    results.teacher = teacher.evaluated.result;
    warnAboutTeacher(ctx, teacherQualityWarnings(teacher.evaluated.result, data.validation.y));
    await stopIfCancelled(ctx);
    const teacherLogits = teacherLogitsFor(
      teacher,
      data.train.x,
      data.inputShape,
      files.resolve(teacherOutputFile('teacher-train-logits')),
    );
    const teacherReference = teacherOutputsOf(teacher.evaluated.evaluation);
    // With a teacher assistant, the assistant teaches the student; agreement is still measured against the teacher.
    const teaching = config.teacher.assistant ? await runAssistantPhase(ctx, teacher, teacherLogits) : teacher;
    if (teaching !== teacher) results.assistant = teaching.evaluated.result;
    await stopIfCancelled(ctx);
    const trainTeacherLogits =
      teaching === teacher
        ? teacherLogits
        : teacherLogitsFor(
            teaching,
            data.train.x,
            data.inputShape,
            files.resolve(teacherOutputFile('assistant-train-logits')),
          );
    const layers = studentLayersFor(ctx, teacher);
    const { students, baseline } = await runStudentsAndBaselines(
      ctx,
      { teaching, initSource: teacher.layers },
      layers,
      trainTeacherLogits,
      teacherReference,
      runDir,
      configPath,
      options,
      (peak) => {
        if (peak !== undefined) results.workerPeakRss = peak;
      },
    );
    results.student = {
      ...students.studentEvaluated.result,
      seed_accuracies: students.studentAccuracies,
      budget: students.budget,
    };
    if (baseline?.result)
      results.baseline = {
        ...baseline.result,
        seed_accuracies: baseline.accuracies,
        ...(baseline.budget ? { budget: baseline.budget } : {}),
      };
    results.gain = distillationGain(students.studentAccuracies, baseline?.accuracies ?? []);
    warnAboutTeacher(ctx, teacherBelowBaseline(teacher.evaluated.result, baseline?.accuracies ?? []));
    await stopIfCancelled(ctx);
    if (config.compression.target && options.stopBeforeSearch)
      throw new SearchHandedOff('The student is trained; the search points go to the Slurm array tasks.');
    if (config.compression.target) {
      const searched = await runSearchPhase(ctx, {
        student: students.student,
        layers: students.studentLayers,
        studentEvaluated: students.studentEvaluated,
        trainTeacherLogits,
        teacherReference,
        teaching,
        backend,
        runId,
        ...(options.searchShare ? { share: options.searchShare } : {}),
      });
      results.search = searched.search;
      if (searched.pruned) results.pruned = searched.pruned;
      if (searched.quantized) results.quantized = searched.quantized;
      if (searched.quantizedAware) results.quantizedAware = searched.quantizedAware;
      results.exports = [...searched.exports];
      // The chosen point's final model against the student, both from their shipped files.
      const final: ShippedRole[] = searched.quantizedAware
        ? ['quantized_aware']
        : searched.quantized
          ? ['quantized']
          : searched.pruned
            ? ['pruned']
            : [];
      results.shippedLatency = await runLatencyPhase(ctx, ['student', ...final], results.exports);
    } else
      await compressAndExport(
        ctx,
        students,
        teaching,
        trainTeacherLogits,
        teacherReference,
        results,
        reportOf,
        backend,
        runId,
      );
    sink.emit({ type: 'phase', phase: 'report', message: 'Writing the report.' });
  } catch (error) {
    if (error instanceof SearchHandedOff) handedOff = error;
    else if (error instanceof CancelledError) {
      status = 'cancelled';
      failure = {
        error: `Cancelled (${error.reason}); the last completed epoch's checkpoint is kept — resume with --resume.`,
      };
    } else {
      status = 'failed';
      failure = describeFailure(error);
    }
  }
  if (handedOff) {
    // This process's part of a search spread over a job array is done: no report, the run goes on in the next job.
    sink.emit({ type: 'phase', phase: 'search', message: handedOff.message });
    releaseLock();
    tf.disposeVariables();
    return { report: reportOf('done'), runDir, exitCode: 0, handedOff: true };
  }
  const report = reportOf(status, failure);
  finish(report, files, sink, status, failure, runDir, options.resume);
  releaseLock();
  tf.disposeVariables();
  return { report, runDir, exitCode: status === 'done' ? 0 : status === 'cancelled' ? 130 : 1 };
}

/** The configured compression (pruning, then quantization) and the export of the final student. */
async function compressAndExport(
  ctx: RunContext,
  students: StudentOutcome,
  teaching: TeacherOutcome,
  trainTeacherLogits: Examples,
  teacherReference: TeacherOutputs,
  results: Results,
  reportOf: (ending: RunStatus) => RunReport,
  backend: string,
  runId: string,
): Promise<void> {
  const { config, files } = ctx;
  const pruned = await runPruning(
    ctx,
    students.student,
    students.studentLayers,
    trainTeacherLogits,
    teacherReference,
    teaching,
  );
  if (pruned) results.pruned = pruned.evaluated.result;
  await stopIfCancelled(ctx);
  const quantized = await runQuantization(
    ctx,
    pruned?.model ?? students.student,
    pruned?.layers ?? students.studentLayers,
    teacherReference,
  );
  if (quantized) results.quantized = quantized.result;
  await stopIfCancelled(ctx);
  const aware = await runQuantizationAware(
    ctx,
    pruned?.model ?? students.student,
    pruned?.layers ?? students.studentLayers,
    trainTeacherLogits,
    teacherReference,
    teaching,
  );
  if (aware) results.quantizedAware = aware.evaluated.result;
  // Everything measured so far is on disk before the export starts: a run killed while exporting stays
  // readable, and `distillery export` finishes it.
  files.writeFile(REPORT_FILE, `${JSON.stringify(reportOf('done'), null, 2)}\n`);
  results.exports = await runExportPhase(
    ctx,
    {
      model: aware?.float ?? pruned?.model ?? students.student,
      ...(config.compression.quantization ? { dtype: config.compression.quantization.dtype } : {}),
      testLogits: (aware?.evaluated ?? quantized ?? pruned?.evaluated ?? students.studentEvaluated).evaluation.logits,
    },
    teacherReference.test,
    backend,
    runId,
  );
  const steps: ShippedRole[] = [
    'student',
    ...(pruned ? ['pruned' as const] : []),
    // The export is the quantization-aware model when the run made one (it is exported instead of the post-training one).
    ...(aware ? ['quantized_aware' as const] : quantized ? ['quantized' as const] : []),
  ];
  results.shippedLatency = await runLatencyPhase(ctx, steps, results.exports);
}

/** Teacher-quality warnings go to the event stream (the panel shows them as they come) and the report. */
function warnAboutTeacher(ctx: RunContext, warnings: readonly TeacherWarning[]): void {
  for (const w of warnings) {
    ctx.warnings.push(w.message);
    ctx.sink.emit({ type: 'warning', code: w.code, message: w.message });
  }
}

/**
 * Students in this process; baselines in a worker process at the same time (the wasm backend uses one core
 * per process; bench/trainer.bench.ts measures what a second process adds), or after the students in this
 * process when DISTILLERY_WORKERS=0.
 */
async function runStudentsAndBaselines(
  ctx: RunContext,
  teachers: { readonly teaching: TeacherOutcome; readonly initSource: tf.LayersModel | undefined },
  layers: readonly LayerSpec[],
  trainTeacherLogits: Examples,
  teacherReference: TeacherOutputs,
  runDir: string,
  configPath: string,
  options: RunOptions,
  onWorkerPeak: (peakRssBytes: number | undefined) => void,
): Promise<{ students: StudentOutcome; baseline?: BaselineOutcome }> {
  if (!ctx.config.evaluation.baseline)
    return { students: await runStudentPhase(ctx, teachers.teaching, layers, trainTeacherLogits, teachers.initSource) };
  if (!baselineInWorker(ctx.config)) {
    const students = await runStudentPhase(ctx, teachers.teaching, layers, trainTeacherLogits, teachers.initSource);
    return { students, baseline: await runBaselinePhase(ctx, layers, teacherReference, teachers.initSource) };
  }
  const worker = startBaselineWorker(
    {
      configPath,
      runDir,
      baseSeed: ctx.baseSeed,
      resume: ctx.resume,
      layers,
      ...(options.backend ? { backend: options.backend } : {}),
    },
    (event) => {
      ctx.sink.emit(event.type === 'epoch' ? { ...event, eta_seconds: ctx.clock.epochFinished() } : event);
    },
  );
  // A stop request reaches the worker at once while the students train (their loop asks between batches),
  // and within 50 ms while this process only waits for the worker.
  const relayed: RunContext = {
    ...ctx,
    isCancelled: () => {
      const reason = ctx.isCancelled();
      if (reason) worker.cancel(reason);
      return reason;
    },
  };
  const relayStop = setInterval(() => {
    relayed.isCancelled();
  }, 50);
  const warnIfKilled = (): void => {
    if (worker.killed())
      ctx.sink.emit({
        type: 'warning',
        code: 'worker-killed',
        message: `The baseline worker did not stop within ${WORKER_CANCEL_GRACE_MS / 1000} s of the cancel and was killed.`,
      });
  };
  let students: StudentOutcome;
  try {
    students = await runStudentPhase(relayed, teachers.teaching, layers, trainTeacherLogits, teachers.initSource);
  } catch (error) {
    worker.cancel(error instanceof Error ? error.message : String(error));
    onWorkerPeak((await worker.settled).peakRssBytes);
    clearInterval(relayStop);
    warnIfKilled();
    throw error;
  }
  const { outcome, error, peakRssBytes } = await worker.settled;
  onWorkerPeak(peakRssBytes);
  clearInterval(relayStop);
  warnIfKilled();
  // Cancelled while waiting: the worker stopped (or was killed after its grace); the run ends cancelled either way.
  const cancelled = ctx.isCancelled();
  if (cancelled) throw new CancelledError(cancelled);
  if (error || !outcome) throw error ?? new Error('The baseline worker returned nothing.');
  for (const [phase, seconds] of Object.entries(outcome.durations))
    ctx.durations[phase] = (ctx.durations[phase] ?? 0) + seconds;
  return { students, baseline: outcome };
}

/** The run directory holds a valid report of a finished run (core/runs' reader, reading through RunFiles: no links). */
function holdsFinishedReport(files: RunFiles): boolean {
  const throughRunFiles = {
    readText(file: string): string | undefined {
      try {
        return files.readText(path.relative(files.root, file));
      } catch {
        return undefined;
      }
    },
  };
  const read = readRunReport(throughRunFiles, files.root);
  return read.ok && read.report.status === 'done';
}

/** Writes the report (best effort: the disk may be full) and the terminal event, which always reaches the listener. */
function finish(
  report: RunReport,
  files: RunFiles | undefined,
  sink: EventSink,
  status: RunStatus,
  failure: { error: string; hint?: string } | undefined,
  runDir: string,
  resumed: boolean,
): void {
  let reportError: string | undefined;
  if (files && resumed && status !== 'done' && holdsFinishedReport(files)) {
    // A failed or cancelled resume of a finished run: its complete report stays; the event log says what happened.
    if (failure) failure = { ...failure, error: `${failure.error} (the finished run's report.json is kept)` };
  } else if (files) {
    try {
      files.writeFile(REPORT_FILE, `${JSON.stringify(report, null, 2)}\n`);
      files.writeFile(REPORT_MARKDOWN_FILE, renderReportMarkdown(report));
    } catch (error) {
      reportError = describeFailure(error).error;
    }
  }
  const emit = (event: Parameters<EventSink['emit']>[0]): void => {
    try {
      sink.emit(event);
    } catch {
      /* the listener already got it; the disk is the problem */
    }
  };
  if (status === 'done' && !reportError)
    emit({ type: 'done', report_path: path.join(runDir, REPORT_FILE), summary: summarizeReport(report) });
  else if (status === 'cancelled') emit({ type: 'cancelled', reason: failure?.error ?? 'cancelled' });
  else
    emit({
      type: 'failed',
      error:
        reportError && !failure ? `Could not write the report: ${reportError}` : (failure?.error ?? 'unknown failure'),
      ...(failure?.hint ? { hint: failure.hint } : {}),
    });
}
