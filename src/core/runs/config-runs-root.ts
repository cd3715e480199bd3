/**
 * Where a config's runs go, from the config file itself: its `output` key (read through the injected adapter
 * unless the caller has the text), then runsRoot's rules. The one place that re-reads a config for its
 * output; callers that already hold a parsed config pass its `output` to runsRoot directly.
 */
import type { ConfigFileSystem } from '../analysis/file-system';
import { parseConfig } from '../config/parse';
import { DEFAULT_RUNS_FOLDER } from './layout';
import { runsRoot } from './runs-root';

export interface ConfigRunsRequest {
  readonly configPath: string;
  /** The config's text when the caller has it (e.g. just read to start a run); else it is read from disk. */
  readonly configText?: string;
  /** The raw `distillery.runsFolder` setting; absent or empty means "use the config's output". */
  readonly runsFolderSetting?: string;
  readonly workspaceFolderPath?: string;
}

/** The config's `output` key; the default for a config that is missing, unreadable or not valid YAML. */
export function configOutputOf(text: string | undefined): string {
  if (text === undefined) return DEFAULT_RUNS_FOLDER;
  try {
    return parseConfig(text).config.output || DEFAULT_RUNS_FOLDER;
  } catch {
    // An unparseable config still needs a place for its failure report.
    return DEFAULT_RUNS_FOLDER;
  }
}

export function configRunsRoot(fs: Pick<ConfigFileSystem, 'readText'>, request: ConfigRunsRequest): string {
  return runsRoot({
    configPath: request.configPath,
    configOutput: configOutputOf(request.configText ?? fs.readText(request.configPath)),
    runsFolderSetting: request.runsFolderSetting ?? '',
    ...(request.workspaceFolderPath !== undefined ? { workspaceFolderPath: request.workspaceFolderPath } : {}),
  });
}
