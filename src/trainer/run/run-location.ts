/** Where a run lives: `--run-dir` exactly, else `<config dir>/<output>/<config name>-<timestamp>`. */
import * as path from 'node:path';
import { parseConfig } from '../../core/config/parse';
import { EXPORT_DIR } from '../../core/runs/layout';
import { readTextFile } from '../../node/file-system';

export function defaultRunId(configPath: string, now: Date = new Date()): string {
  const base = path
    .basename(configPath)
    .replace(/\.distill\.ya?ml$/i, '')
    .replace(/\.ya?ml$/i, '');
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${base}-${stamp}`;
}

export function planRunDir(configPath: string, runDir: string | undefined): string {
  if (runDir) return path.resolve(runDir);
  let output = 'runs';
  try {
    output = parseConfig(readTextFile(configPath, 'config')).config.output || 'runs';
  } catch {
    // Unreadable config: the run still needs a place for its failure report.
  }
  return path.resolve(path.dirname(configPath), output, defaultRunId(configPath));
}

/** Files a previous run left in the folder; removed when a fresh (non-resumed) run reuses the folder. */
export const RUN_ENTRIES = [
  'events.jsonl',
  'checkpoints',
  'teacher',
  'student',
  'baseline',
  'pruned',
  'quantized',
  EXPORT_DIR,
  `${EXPORT_DIR}.partial`,
  'report.json',
  'report.md',
  'config.distill.yaml',
];

/**
 * What Distillery's own launchers put in a run directory before the trainer starts: a sweep trial's derived
 * config, the local sweep executor's stderr log, and the Slurm batch script and job output. A folder holding
 * only these (and run entries) is a run directory about to be used, not someone's project folder.
 */
export const LAUNCHER_ENTRIES = ['trial.distill.yaml', 'trainer.stderr.log', 'slurm'];
