/** Distillery: Open Run...: pick a past run (newest first) and open its results in the panel. */
import { readTextFile } from '../../node/file-system';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseConfig } from '../../core/config/parse';
import { asUri, findWorkspaceConfigs } from '../config-target';
import { findRuns, type RunEntry } from '../runs/find-runs';
import type { ExtensionServices } from '../services';
import { readSettings } from '../settings';
import { runsRoot } from '../training/run-location';

const STATUS_ICON: Readonly<Record<RunEntry['status'], string>> = {
  done: '$(check)',
  failed: '$(error)',
  cancelled: '$(circle-slash)',
  'running or interrupted': '$(question)',
};

/** Every folder runs may be in: the setting's folder and each config's `output` folder. */
async function runRoots(): Promise<string[]> {
  const roots = new Set<string>();
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const setting = readSettings(folder.uri).runsFolder;
    roots.add(path.resolve(folder.uri.fsPath, setting || 'runs'));
  }
  for (const config of await findWorkspaceConfigs()) {
    let output = 'runs';
    try {
      output = parseConfig(readTextFile(config.fsPath, 'config')).config.output;
    } catch {
      /* unreadable: default */
    }
    const folder = vscode.workspace.getWorkspaceFolder(config);
    roots.add(
      runsRoot({
        configPath: config.fsPath,
        configOutput: output,
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
