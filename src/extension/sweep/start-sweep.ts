/**
 * Distillery: Start Sweep: runs the config's `sweep` section through the CLI (locally or on Slurm, per the
 * `distillery.sweep.executor` setting), opens the sweep view as soon as the sweep directory exists, follows
 * every trial in a cancellable notification, and offers the best trial's run when it ends.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeSweepEvent } from '../../core/format/sweep-event-text';
import type { SweepEvent } from '../../core/protocol/sweep';
import { resolveConfigTarget } from '../config-target';
import type { ExtensionServices } from '../services';
import { readSettings } from '../settings';
import { ensureTrusted } from '../trust';
import { activeSweeps } from './active-sweeps';
import { buildSweepLaunch, cliScriptPath } from './sweep-launch';
import { SweepSession, type SweepSessionResult } from './sweep-session';
import { readSweepSettings } from './sweep-settings';

export interface StartSweepOptions {
  readonly executor?: 'local' | 'slurm';
  readonly retry?: string;
}

function progressText(event: SweepEvent, total: number, finished: number): string | undefined {
  if (event.type === 'sweep-end') return undefined;
  const text = describeSweepEvent(event);
  return event.type === 'sweep-start' ? text : `${finished}/${total} finished; ${text}`;
}

async function report(
  services: ExtensionServices,
  result: SweepSessionResult,
  sweepDir: string | undefined,
): Promise<void> {
  const end = result.end;
  if (!end) {
    void vscode.window.showErrorMessage(
      `Distillery sweep could not run: ${result.stderr || `exit code ${result.exitCode}`}`,
    );
    return;
  }
  const summary = `Distillery ${describeSweepEvent(end)}.`;
  const actions = [...(end.best ? ['Open Best Run'] : []), 'Show Sweep'];
  const show = end.status === 'done' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  const choice = await show(summary, ...actions);
  if (choice === 'Open Best Run' && end.best && sweepDir)
    await services.panels().showRun(vscode.Uri.file(path.join(sweepDir, end.best.trial)));
  if (choice === 'Show Sweep' && sweepDir) await services.panels().showSweep(vscode.Uri.file(sweepDir));
}

export async function startSweep(
  services: ExtensionServices,
  argument: unknown,
  options: StartSweepOptions = {},
): Promise<SweepSessionResult | undefined> {
  const title = options.executor === 'slurm' ? 'Run Sweep on Cluster' : 'Start Sweep';
  if (!ensureTrusted(title)) return undefined;
  const configUri = await resolveConfigTarget(argument, title);
  if (!configUri) return undefined;
  if (configUri.scheme !== 'file') {
    void vscode.window.showErrorMessage(`Distillery can only sweep configs on disk, not ${configUri.toString()}.`);
    return undefined;
  }
  const configPath = configUri.fsPath;
  if (activeSweeps.has(configPath)) {
    void vscode.window.showWarningMessage(`A sweep of ${path.basename(configPath)} is already running in this window.`);
    return undefined;
  }
  const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === configPath);
  if (open?.isDirty) await open.save();
  const extensionPath = services.context.extensionUri.fsPath;
  if (!fs.existsSync(cliScriptPath(extensionPath))) {
    void vscode.window.showErrorMessage(
      `The Distillery CLI is missing from the extension (${cliScriptPath(extensionPath)}). Reinstall Distillery.`,
    );
    return undefined;
  }
  const session = new SweepSession(
    buildSweepLaunch({
      extensionPath,
      configPath,
      settings: readSweepSettings(configUri),
      nodePath: readSettings(configUri).trainerNodePath,
      hostExecutable: process.execPath,
      baseEnv: process.env,
      ...(options.executor ? { executor: options.executor } : {}),
      ...(options.retry ? { retry: options.retry } : {}),
    }),
  );
  activeSweeps.set(configPath, session);
  const log = services.trainingOutput;
  let total = 0;
  let finished = 0;
  session.onEvent((event) => {
    if (event.type === 'sweep-start') {
      total = event.to_run.length;
      log.appendLine(`[sweep ${path.basename(configPath)}] ${describeSweepEvent(event)}`);
      void services.panels().showSweep(vscode.Uri.file(event.sweep_dir));
      return;
    }
    if (event.type === 'trial') {
      if (event.status !== 'running') finished++;
      log.appendLine(`[sweep ${path.basename(configPath)}] ${describeSweepEvent(event)}`);
    }
    // The sweep writes sweep.json before it reports a change: the view shows what the event says.
    if (session.directory) services.panels().refreshSweep(vscode.Uri.file(session.directory));
  });
  const result = await vscode.window
    .withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Distillery sweep: ${path.basename(configPath)}`,
        cancellable: true,
      },
      async (progress, token) => {
        token.onCancellationRequested(() => session.cancel());
        session.onEvent((event) => {
          const message = progressText(event, total, finished);
          if (message) progress.report({ message });
        });
        return session.finished;
      },
    )
    .then(
      (r) => r,
      (error: unknown) => ({ exitCode: 1, stderr: String(error) }) as SweepSessionResult,
    );
  activeSweeps.delete(configPath);
  if (result.stderr) log.appendLine(result.stderr);
  void report(services, result, session.directory);
  return result;
}
