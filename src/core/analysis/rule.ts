/**
 * A semantic or risk rule: one file per rule under ../rules, each with its rationale and threshold source.
 * Rules read the parsed config and the derived summaries; they never touch the editor or the trainer.
 */
import type { ParsedConfig } from '../config/parse';
import type { DistillConfig } from '../config/types';
import type { DatasetInfo } from '../data/dataset-info';
import type { Diagnostic } from '../diagnostics';
import type { ModelSummary } from '../model/summary-types';
import type { ConfigFileSystem } from './file-system';
import type { Problem } from './problem';

export interface RuleContext {
  readonly parsed: ParsedConfig;
  readonly config: DistillConfig;
  /** Absolute path of the config file; relative paths in the config resolve against its folder. */
  readonly configPath: string;
  readonly fs: ConfigFileSystem;
  /** Resolves a config-relative path to an absolute one. */
  resolve(relativePath: string): string;
  /** Findings from reading the data and summarising the models, each reported by the rule owning its code. */
  readonly problems: readonly Problem[];
  /** Undefined when the model cannot be summarised (missing file, errors): rules then stay silent. */
  readonly teacher?: ModelSummary;
  /** `teacher.assistant`, when there is one and it can be summarised. */
  readonly assistant?: ModelSummary;
  readonly student?: ModelSummary;
  readonly dataset?: DatasetInfo;
}

export interface Rule {
  /** The diagnostic codes this rule may produce. */
  readonly codes: readonly Diagnostic['code'][];
  check(context: RuleContext): readonly Diagnostic[];
}
