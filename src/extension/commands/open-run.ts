/** Distillery: Open Run...: pick a past run (newest first) and open its results in the panel. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { nodeFileSystem } from '../../node/file-system';
import { configRunsRoot } from '../../core/runs/config-runs-root';
import { DEFAULT_RUNS_FOLDER } from '../../core/runs/layout';
import type { RunState } from '../../core/runs/run-state';
import { asUri, findWorkspaceConfigs } from '../config-target';
import { findRuns } from '../runs/find-runs';
import type { ExtensionServices } from '../services';
import { readSettings } from '../settings';

const STATUS_ICON: Readonly<Record<RunState, string>> = {
  done: '$(check)',
  failed: '$(error)',
  cancelled: '$(circle-slash)',
  running: '$(question)',
  unreadable: '$(warning)',
};

/** Every folder runs may be in: the setting's folder and each config's `output` folder. */
async function runRoots(): Promise<string[]> {
  const roots = new Set<string>();
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const setting = readSettings(folder.uri).runsFolder;
    roots.add(path.resolve(folder.uri.fsPath, setting || DEFAULT_RUNS_FOLDER));
  }
  for (const config of await findWorkspaceConfigs()) {
    const folder = vscode.workspace.getWorkspaceFolder(config);
    roots.add(
      configRunsRoot(nodeFileSystem, {
        configPath: config.fsPath,
        runsFolderSetting: readSettings(config).runsFolder,
        ...(folder ? { workspaceFolderPath: folder.uri.fsPath } : {}),
      }),
    );
  }
  return [...roots];
}

export async function openRun(services: ExtensionServices, argument: unknown): Promise<vscode.Uri | undefined> {
  let runDir = asUri(argument);
  if (!runDir) {
    const runs = findRuns(await runRoots());
    if (runs.length === 0) {
      const browse = 'Browse...';
      const choice = await vscode.window.showInformationMessage(
        'No runs found in this workspace. Start a training run, or pick a run folder.',
        browse,
      );
      if (choice !== browse) return undefined;
      const picked = await vscode.window.showOpenDialog({
        canSelectFolders: true,
        canSelectFiles: false,
        openLabel: 'Open Run',
      });
      runDir = picked?.[0];
    } else {
      const picked = await vscode.window.showQuickPick(
        runs.map((run) => ({
          label: `${STATUS_ICON[run.status]} ${path.basename(run.dir)}`,
          description: run.detail,
          detail: vscode.workspace.asRelativePath(run.dir),
          dir: run.dir,
        })),
        { title: 'Open Run', placeHolder: 'Pick a run (newest first)', matchOnDetail: true },
      );
      runDir = picked ? vscode.Uri.file(picked.dir) : undefined;
    }
  }
  if (!runDir) return undefined;
  await services.panels().showRun(runDir);
  return runDir;
}
