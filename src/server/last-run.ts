/**
 * Finds the newest run of a config: `<runs root>/<run>/report.json` whose `config_path` is this config, the
 * runs root being where Start Training writes (core/runs/runs-root.ts: the `distillery.runsFolder` setting,
 * else the config's `output`). Results are cached per config until a watched report.json or the setting
 * changes (the code lens asks on every edit).
 */
import * as path from 'node:path';
import type { ConfigFileSystem } from '../core/analysis/file-system';
import type { RunReport } from '../core/protocol/report';
import { containingFolder, runsRoot } from '../core/runs/runs-root';

export interface LastRun {
  readonly directory: string;
  readonly report: RunReport;
}

function readReport(fs: ConfigFileSystem, file: string): RunReport | undefined {
  const text = fs.readText(file);
  if (text === undefined) return undefined;
  try {
    const report = JSON.parse(text) as Partial<RunReport>;
    return report &&
      typeof report === 'object' &&
      typeof report.status === 'string' &&
      typeof report.config_path === 'string'
      ? (report as RunReport)
      : undefined;
  } catch {
    return undefined;
  }
}

export class LastRunFinder {
  private readonly cache = new Map<string, LastRun | null>();
  private runsFolderSetting = '';
  private workspaceFolders: readonly string[] = [];

  constructor(private readonly fs: ConfigFileSystem) {}

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
    for (const name of this.fs.list(folder)) {
      const directory = path.join(folder, name);
      const report = readReport(this.fs, path.join(directory, 'report.json'));
      if (!report) continue;
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
