/**
 * The whole check of one config: parse + schema, then summaries, then every semantic and risk rule.
 * Shared by `distillery check`, the language server, the panel and the trainer's pre-flight check.
 */
import * as path from '../paths/file-path';
import { parseConfig, type ParsedConfig } from '../config/parse';
import type { DatasetInfo } from '../data/dataset-info';
import { resolveDataset } from '../data/resolve-dataset';
import { compareDiagnostics, type Diagnostic } from '../diagnostics';
import { buildModels } from '../model/build-models';
import type { ModelSummary } from '../model/summary-types';
import type { ConfigFileSystem } from './file-system';
import { consoleLogger, describeError, type Logger } from './logger';
import type { Rule, RuleContext } from './rule';
import { RULES } from './rules';

export interface Analysis {
  readonly parsed: ParsedConfig;
  /** Syntax, schema, semantic and risk diagnostics, sorted by position. */
  readonly diagnostics: readonly Diagnostic[];
  readonly teacher?: ModelSummary;
  /** `teacher.assistant`, when there is one and it can be summarised. */
  readonly assistant?: ModelSummary;
  readonly student?: ModelSummary;
  /** The student after structured pruning (`compression.pruning.structure: units`). */
  readonly pruned?: ModelSummary;
  readonly dataset?: DatasetInfo;
}

export interface AnalysisOptions {
  /** Told about every rule that throws (default: standard error). */
  readonly log?: Logger;
  /** The rules to run (default: every rule, in reporting order). */
  readonly rules?: readonly Rule[];
}

/** Summaries are an aid to the rules: if building one fails on odd input, the check goes on without it. */
function guarded<T>(build: () => T, fallback: T): T {
  try {
    return build();
  } catch {
    return fallback;
  }
}

export function analyzeParsed(
  parsed: ParsedConfig,
  configPath: string,
  fs: ConfigFileSystem,
  options: AnalysisOptions = {},
): Analysis {
  const base = path.dirname(configPath);
  const resolve = (relative: string): string => path.resolve(base, relative);
  const data = parsed.config.data;
  const dataset = guarded(() => resolveDataset(data.source, data.limit, fs, resolve), { problems: [] });
  const models = guarded(() => buildModels(parsed, dataset.info, fs, resolve), { problems: [] });
  const context: RuleContext = {
    parsed,
    config: parsed.config,
    configPath,
    fs,
    resolve,
    problems: [...dataset.problems, ...models.problems],
    ...(models.teacher ? { teacher: models.teacher } : {}),
    ...(models.assistant ? { assistant: models.assistant } : {}),
    ...(models.student ? { student: models.student } : {}),
    ...(dataset.info ? { dataset: dataset.info } : {}),
  };
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  for (const rule of options.rules ?? RULES) {
    try {
      diagnostics.push(...rule.check(context));
    } catch (error) {
      // A rule must never take the whole check down: a crashing rule reports no diagnostic, but it is logged
      // so the bug is seen and can be reported.
      (options.log ?? consoleLogger).error(
        `distillery: the ${rule.codes.join(' / ')} rule failed on ${configPath} and reported nothing: ${describeError(error)}`,
      );
    }
  }
  diagnostics.sort(compareDiagnostics);
  return {
    parsed,
    diagnostics,
    ...(models.teacher ? { teacher: models.teacher } : {}),
    ...(models.assistant ? { assistant: models.assistant } : {}),
    ...(models.student ? { student: models.student } : {}),
    ...(models.pruned ? { pruned: models.pruned } : {}),
    ...(dataset.info ? { dataset: dataset.info } : {}),
  };
}

export function analyzeConfig(
  text: string,
  configPath: string,
  fs: ConfigFileSystem,
  options: AnalysisOptions = {},
): Analysis {
  return analyzeParsed(parseConfig(text), configPath, fs, options);
}
