/**
 * The layout of a run directory, in one place: every file and folder name the trainer writes and every
 * reader looks for. A run directory is self-contained (DESIGN.md): config snapshot, events, checkpoints,
 * one folder per saved model, the exported student, and the report in two forms. Sweeps and cluster jobs add a few files of their
 * own before the trainer starts. Pure: names only, no paths.
 */
import type { ModelRole } from '../protocol/run-events';

/** The run's result (core/protocol/report.ts), written when the run ends, also when it fails or is cancelled. */
export const REPORT_FILE = 'report.json';
/** The same result for people (Markdown). */
export const REPORT_MARKDOWN_FILE = 'report.md';
/** The trainer's event stream (core/protocol/run-events.ts), one JSON object per line, appended as it goes. */
export const EVENTS_FILE = 'events.jsonl';
/** The final student as files to ship: `export/tfjs/model.json` (+ weights) and `export/model.onnx`. */
export const EXPORT_DIR = 'export';
/** The config text the run was started with, so a run can be re-read after the config changed. */
export const CONFIG_SNAPSHOT_FILE = 'config.distill.yaml';
/**
 * The accuracy-aware search's points (`compression.target`): `search/<point id>/` holds each point's models,
 * exports and `point.json` record (what a resumed search skips), `search/reference/` the uncompressed student's.
 */
export const SEARCH_DIR = 'search';
/** The record of one finished search point, inside its folder. */
export const SEARCH_POINT_FILE = 'point.json';
/**
 * A search spread over a Slurm job array: array task I works in a private copy of the run under
 * `search/tasks/task-I/` (its events.jsonl is its progress) and moves each point it finished into `search/`.
 */
export const SEARCH_TASKS_DIR = `${SEARCH_DIR}/tasks`;
/** `search/tasks/task-I`: array task I's private copy of the run. */
export function searchTaskFolder(index: number): string {
  return `${SEARCH_TASKS_DIR}/task-${index}`;
}
/**
 * Inside a runs folder (next to the runs, not in one): the decoded-data cache shared by every run, trial and
 * cluster job reading the same data (read-only once written). `DISTILLERY_CACHE_DIR` puts it elsewhere.
 */
export const DATA_CACHE_DIR = '.cache';
/** The environment variable that moves the decoded-data cache (e.g. to a cluster's shared scratch). */
export const DATA_CACHE_ENV = 'DISTILLERY_CACHE_DIR';
/** Per-epoch checkpoints, one sub-folder per model and seed (what `--resume` continues from). */
export const CHECKPOINTS_DIR = 'checkpoints';

/** The folder holding each saved model (TF.js format), named after its role. */
export const MODEL_DIRS: Readonly<Record<ModelRole, string>> = {
  teacher: 'teacher',
  assistant: 'assistant',
  student: 'student',
  baseline: 'baseline',
  pruned: 'pruned',
  quantized: 'quantized',
  quantized_aware: 'quantized-aware',
};
/** The float weights the quantization-aware model was quantized from (what `distillery export` starts from). */
export const QUANTIZED_AWARE_FLOAT_DIR = `${MODEL_DIRS.quantized_aware}/float`;

/** A sweep trial's derived config, written by `distillery sweep` into the trial's run directory. */
export const TRIAL_CONFIG_FILE = 'trial.distill.yaml';
/** The local sweep executor's copy of the trainer's stderr. */
export const TRAINER_STDERR_FILE = 'trainer.stderr.log';
/** Slurm batch scripts and job output (in a run directory, and in a sweep directory for job arrays). */
export const SLURM_DIR = 'slurm';
/** The index of a sweep directory (core/protocol/sweep.ts). */
export const SWEEP_INDEX_FILE = 'sweep.json';
/** The config's `output` when it has none: runs go to `runs/` beside the config. */
export const DEFAULT_RUNS_FOLDER = 'runs';

/** Files a previous run left in the folder; removed when a fresh (non-resumed) run reuses the folder. */
export const RUN_ENTRIES: readonly string[] = [
  EVENTS_FILE,
  CHECKPOINTS_DIR,
  ...Object.values(MODEL_DIRS),
  EXPORT_DIR,
  SEARCH_DIR,
  // An export staged but not yet moved in (a run killed while exporting).
  `${EXPORT_DIR}.partial`,
  REPORT_FILE,
  REPORT_MARKDOWN_FILE,
  CONFIG_SNAPSHOT_FILE,
];

/**
 * What Distillery's own launchers put in a run directory before the trainer starts: a sweep trial's derived
 * config, the local sweep executor's stderr log, and the Slurm batch script and job output. A folder holding
 * only these (and run entries) is a run directory about to be used, not someone's project folder.
 */
export const LAUNCHER_ENTRIES: readonly string[] = [TRIAL_CONFIG_FILE, TRAINER_STDERR_FILE, SLURM_DIR];
