/** The trainer's pre-flight check: the same analysis as `distillery check`; any error refuses the run. */
import { analyzeConfig } from '../../core/analysis/analyze';
import { nodeFileSystem, readTextFile } from '../../node/file-system';
import type { DistillConfig } from '../../core/config/types';
import type { ModelSummary } from '../../core/model/summary-types';
import { TrainerError } from './errors';

/** The models' summaries, for the memory estimate (undefined when one cannot be summarised). */
export interface CheckedModels {
  readonly teacher?: ModelSummary;
  readonly assistant?: ModelSummary;
  readonly student?: ModelSummary;
}

export interface CheckedConfig {
  readonly config: DistillConfig;
  readonly text: string;
  readonly warnings: readonly string[];
  readonly models: CheckedModels;
}

export function checkConfigFile(configPath: string): CheckedConfig {
  let text: string;
  try {
    text = readTextFile(configPath, 'config');
  } catch (error) {
    throw new TrainerError(
      `Cannot read the config ${configPath}: ${error instanceof Error ? error.message : String(error)}`,
      'Pass the path of a *.distill.yaml file.',
    );
  }
  const analysis = analyzeConfig(text, configPath, nodeFileSystem);
  const at = (d: { range: { start: { line: number; character: number } } }): string =>
    `${configPath}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) {
    throw new TrainerError(
      `The config has ${errors.length} error(s):\n${errors.map((d) => `${at(d)}: ${d.code}: ${d.message}`).join('\n')}`,
      `Fix them first (\`distillery check ${configPath}\` lists them).`,
      'config-errors',
    );
  }
  const warnings = analysis.diagnostics.filter((d) => d.severity === 'warning').map((d) => `${d.code}: ${d.message}`);
  const { teacher, assistant, student } = analysis;
  const models = {
    ...(teacher ? { teacher } : {}),
    ...(assistant ? { assistant } : {}),
    ...(student ? { student } : {}),
  };
  return { config: analysis.parsed.config, text, warnings, models };
}
