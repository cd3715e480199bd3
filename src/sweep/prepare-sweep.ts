/**
 * Turns a config with a `sweep` section into a sweep directory: sweep.json plus one run directory per trial
 * holding the trial's derived config. Re-running on the same directory resumes: the index is kept (finished
 * trials stay finished) as long as the config text is unchanged; a changed config is refused, never mixed in.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeConfig } from '../core/analysis/analyze';
import { nodeFileSystem, readTextFile } from '../node/file-system';
import type { SweepConfig } from '../core/config/types';
import type { SweepIndex, SweepTrial } from '../core/protocol/sweep';
import { TRIAL_CONFIG_FILE } from '../core/runs/layout';
import { NATURAL_GOAL } from '../core/schema/sweep-schema';
import { deriveTrialConfig } from './derive-config';
import { expandSweep, parameterValues } from './expand';
import { SweepError } from '../core/sweep-error';
import { SweepStore } from './sweep-store';

export interface PreparedSweep {
  readonly store: SweepStore;
  readonly configPath: string;
  readonly sweep: SweepConfig;
  readonly goal: 'maximize' | 'minimize';
  /** True when an existing sweep directory was picked up again. */
  readonly resumed: boolean;
}

/** `<output folder>/<config name>-sweep`, next to the config's ordinary runs. */
export function defaultSweepDir(configPath: string, output: string): string {
  const stem = path.basename(configPath).replace(/\.distill\.ya?ml$|\.ya?ml$/i, '');
  return path.resolve(path.dirname(configPath), output, `${stem}-sweep`);
}

function checkedConfig(configPath: string): { text: string; sweep: SweepConfig; output: string; raw: unknown } {
  let text: string;
  try {
    text = readTextFile(configPath, 'config');
  } catch (error) {
    throw new SweepError(`Cannot read ${configPath}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const analysis = analyzeConfig(text, configPath, nodeFileSystem);
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const listed = errors
      .slice(0, 5)
      .map(
        (d) =>
          `  ${path.basename(configPath)}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.code}: ${d.message}`,
      );
    throw new SweepError(
      `${configPath} has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n${listed.join('\n')}${errors.length > 5 ? '\n  ...' : ''}`,
      'Fix them (`distillery check` lists all), then start the sweep again.',
    );
  }
  const sweep = analysis.parsed.config.sweep;
  if (!sweep)
    throw new SweepError(
      `${configPath} has no \`sweep\` section.`,
      'Add one, e.g. `sweep: { parameters: [ { path: distillation.temperature, values: [2, 4, 8] } ] }`.',
    );
  return { text, sweep, output: analysis.parsed.config.output, raw: analysis.parsed.document.toJS() as unknown };
}

export function prepareSweep(configFile: string, executor: 'local' | 'slurm', sweepDirOption?: string): PreparedSweep {
  const configPath = path.resolve(configFile);
  const { text, sweep, output, raw } = checkedConfig(configPath);
  const goal = sweep.goal ?? NATURAL_GOAL[sweep.metric];
  const dir = path.resolve(sweepDirOption ?? defaultSweepDir(configPath, output));
  const hash = createHash('sha256').update(text).digest('hex');
  const existing = SweepStore.load(dir);
  if (existing) {
    if (existing.current.config_hash !== hash) {
      throw new SweepError(
        `${dir} holds a sweep of a different version of ${path.basename(configPath)} (the config changed since it started).`,
        'Pass --sweep-dir NEW_FOLDER to start a new sweep; the old one stays as it is.',
      );
    }
    for (const trial of existing.current.trials) writeTrialConfig(dir, trial, text, configPath);
    existing.update({ executor });
    return { store: existing, configPath, sweep, goal, resumed: true };
  }
  const trials = expandSweep(sweep, raw);
  const now = new Date().toISOString();
  const index: SweepIndex = {
    schema_version: 1,
    sweep_id: path.basename(dir),
    config_path: configPath,
    created: now,
    updated: now,
    executor,
    method: sweep.method,
    metric: sweep.metric,
    goal,
    split: sweep.split,
    parameters: parameterValues(trials, sweep),
    budget: sweep.budget ?? trials.length,
    status: 'running',
    seed: sweep.seed,
    config_hash: hash,
    trials: trials.map((t): SweepTrial => ({
      id: t.id,
      index: t.index,
      params: t.params,
      status: 'pending',
      run_dir: t.id,
      attempts: 0,
    })),
  };
  const store = SweepStore.create(dir, index);
  for (const trial of index.trials) writeTrialConfig(dir, trial, text, configPath);
  return { store, configPath, sweep, goal, resumed: false };
}

function writeTrialConfig(dir: string, trial: SweepTrial, text: string, configPath: string): void {
  const runDir = path.join(dir, trial.run_dir);
  fs.mkdirSync(runDir, { recursive: true });
  const file = path.join(runDir, TRIAL_CONFIG_FILE);
  if (!fs.existsSync(file))
    fs.writeFileSync(
      file,
      deriveTrialConfig(text, configPath, trial.params, `Trial ${trial.id} of sweep ${path.basename(dir)}`),
    );
}
