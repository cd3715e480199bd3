/**
 * Baseline worker: trains the labels-only baselines in a second process while the trainer distils the
 * students, so both cores work (the wasm backend runs one thread per process). It loads the same data split,
 * reads the saved teacher for agreement/KL, checkpoints into the same run directory, and reports its events
 * and results to the trainer over IPC. It exits when the trainer goes away.
 */
import * as path from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import type { ParentMessage, WorkerMessage, BaselineJobSpec } from './worker-protocol';
import { routeConsoleToStderr } from './backend/quiet-stdout';
import { selectBackend } from './backend/select-backend';
import { type PreparedData, prepareData } from './data/load-data';
import type { TeacherOutputs } from './eval/evaluate-model';
import { loadTeacher } from './model/load-teacher';
import { cachedTeacherReference } from './phases/onnx-teacher-phase';
import { runBaselinePhase } from './phases/baseline-phase';
import type { RunContext } from './phases/run-context';
import { checkConfigFile } from './run/config-check';
import { CancelledError, describeFailure } from './run/errors';
import { EventSink } from './run/event-sink';
import { ProgressClock } from './run/progress-clock';
import { RunFiles } from './run/run-files';
import { predictAll } from './train/predict';
import { peakResidentBytes } from './run/memory-budget';

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (process.send) process.send(message, () => resolve());
    else resolve();
  });
}

/** The teacher as the run saved it (a Layers model, or a graph model copied as it was), and its outputs on both splits. */
async function savedTeacher(
  runDir: string,
  data: PreparedData,
): Promise<{ layers?: tf.LayersModel; reference: TeacherOutputs }> {
  const { model, layers } = await loadTeacher(
    path.join(runDir, 'teacher', 'model.json'),
    'teacher/model.json',
    data.inputShape,
  );
  return {
    ...(layers ? { layers } : {}),
    reference: {
      test: predictAll(model, data.test.x, data.inputShape)[0]!,
      ...(data.validation.y.length > 0
        ? { validation: predictAll(model, data.validation.x, data.inputShape)[0]! }
        : {}),
    },
  };
}

async function main(): Promise<void> {
  routeConsoleToStderr();
  const spec = JSON.parse(process.argv[2] ?? '{}') as BaselineJobSpec;
  let cancelled: string | undefined;
  process.on('message', (message: ParentMessage) => {
    if (message.kind === 'cancel') cancelled = message.reason;
  });
  process.on('disconnect', () => process.exit(1));
  // The trainer handles Ctrl-C and tells this worker; the terminal's SIGINT to the whole group is not ours to act on.
  process.on('SIGINT', () => undefined);
  // A SIGTERM to the whole process tree: stop like a cancel, so the run ends `cancelled`, not with a lost worker.
  process.on('SIGTERM', () => {
    cancelled = 'received SIGTERM';
  });
  try {
    await selectBackend(spec.backend);
    const { config } = checkConfigFile(spec.configPath);
    const data = prepareData(config, path.dirname(spec.configPath));
    const files = new RunFiles(spec.runDir);
    // The teacher's outputs on both splits, exactly as the trainer's evaluation of the teacher computed them:
    // cached in the run by a teacher run elsewhere (ONNX, which has no TF.js model), else from the saved teacher.
    const cached = cachedTeacherReference(files, data);
    const saved = cached ? undefined : await savedTeacher(spec.runDir, data);
    const teacherReference = cached ?? saved!.reference;
    const ctx: RunContext = {
      config,
      configDir: path.dirname(spec.configPath),
      files,
      data,
      baseSeed: spec.baseSeed,
      resume: spec.resume,
      sink: new EventSink(undefined, (event) => {
        void send({ kind: 'event', event });
      }),
      clock: new ProgressClock(config.evaluation.seeds * config.training.epochs),
      warnings: [],
      durations: {},
      isCancelled: () => cancelled,
    };
    const outcome = await runBaselinePhase(ctx, spec.layers, teacherReference, saved?.layers);
    await send({
      kind: 'result',
      ...(outcome.result ? { result: outcome.result } : {}),
      accuracies: outcome.accuracies,
      ...(outcome.budget ? { budget: outcome.budget } : {}),
      durations: ctx.durations,
      peak_rss_bytes: peakResidentBytes(),
    });
  } catch (error) {
    if (error instanceof CancelledError)
      await send({ kind: 'cancelled', reason: error.reason, peak_rss_bytes: peakResidentBytes() });
    else await send({ kind: 'failed', ...describeFailure(error), peak_rss_bytes: peakResidentBytes() });
  }
  process.disconnect?.();
}

void main();
