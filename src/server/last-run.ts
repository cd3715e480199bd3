/**
 * Finds the newest run of a config: of the runs core/runs lists in the runs root (only valid reports count),
 * the one whose report's `config_path` is this config. The runs root is where Start Training writes
 * (core/runs/runs-root.ts: the `distillery.runsFolder` setting, else the config's `output`). Results are cached per config until a watched report.json or the setting
 * changes (the code lens asks on every edit).
 */
import * as path from 'node:path';
import type { RunReport } from '../core/protocol/report';
import { listRuns } from '../core/runs/list-runs';
import type { RunFileSystem } from '../core/runs/run-file-system';
import { containingFolder, runsRoot } from '../core/runs/runs-root';

export interface LastRun {
  readonly directory: string;
  readonly report: RunReport;
}

export class LastRunFinder {
  private readonly cache = new Map<string, LastRun | null>();
  private runsFolderSetting = '';
  private workspaceFolders: readonly string[] = [];

  constructor(private readonly fs: RunFileSystem) {}

  /** The raw `distillery.runsFolder` setting and the workspace folders (absolute paths) it is relative to. */
  configure(runsFolderSetting: string, workspaceFolders?: readonly string[]): void {
    this.runsFolderSetting = runsFolderSetting.trim();
    if (workspaceFolders) this.workspaceFolders = workspaceFolders;
    this.invalidate();
  }

  get runsFolder(): string {
    return this.runsFolderSetting;
  }

  /** `output` is the config's `output` key (used when the setting is empty). */
  find(configPath: string, output: string): LastRun | undefined {
    const workspaceFolderPath = containingFolder(this.workspaceFolders, configPath);
    const folder = runsRoot({
      configPath,
      configOutput: output,
      runsFolderSetting: this.runsFolderSetting,
      ...(workspaceFolderPath ? { workspaceFolderPath } : {}),
    });
    const key = `${configPath}\n${folder}`;
    if (!this.cache.has(key)) this.cache.set(key, this.scan(configPath, folder) ?? null);
    return this.cache.get(key) ?? undefined;
  }

  invalidate(): void {
    this.cache.clear();
  }

  private scan(configPath: string, folder: string): LastRun | undefined {
    let best: LastRun | undefined;
    for (const { dir: directory, report } of listRuns(this.fs, folder)) {
      if (!report) continue; // still going, or a report.json that is not a valid report
      // Absolute paths must match exactly; a relative one may be relative to the run or to the config's folder
      // (or be a bare file name, as when the trainer ran from the config's folder).
      const sameConfig = path.isAbsolute(report.config_path)
        ? path.resolve(report.config_path) === configPath
        : path.resolve(directory, report.config_path) === configPath ||
          path.resolve(path.dirname(configPath), report.config_path) === configPath;
      if (!sameConfig) continue;
      const when = report.finished || report.started || '';
      if (!best || when > (best.report.finished || best.report.started || '')) best = { directory, report };
    }
    return best;
  }
}
