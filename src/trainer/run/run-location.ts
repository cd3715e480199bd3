/** Where a run lives: `--run-dir` exactly, else `<config dir>/<output>/<config name>-<timestamp>`. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfig } from '../../core/config/parse';

export function defaultRunId(configPath: string, now: Date = new Date()): string {
  const base = path.basename(configPath).replace(/\.distill\.ya?ml$/i, '').replace(/\.ya?ml$/i, '');
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${base}-${stamp}`;
}

export function planRunDir(configPath: string, runDir: string | undefined): string {
  if (runDir) return path.resolve(runDir);
  let output = 'runs';
  try {
    output = parseConfig(fs.readFileSync(configPath, 'utf8')).config.output || 'runs';
  } catch {
    // Unreadable config: the run still needs a place for its failure report.
  }
  return path.resolve(path.dirname(configPath), output, defaultRunId(configPath));
}

/** Files a previous run left in the folder; removed when a fresh (non-resumed) run reuses the folder. */
export const RUN_ENTRIES = ['events.jsonl', 'checkpoints', 'teacher', 'student', 'baseline', 'pruned', 'quantized', 'report.json', 'report.md', 'config.distill.yaml'];
