/** Distillery: Start Training: the trainer as a child process, followed by a cancellable notification. */
import * as fs from 'node:fs';
import { readTextFile } from '../../node/file-system';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeRunEvent, describeRunProgress } from '../../core/format/run-event-text';
import { configOutputOf } from '../../core/runs/config-runs-root';
import { resolveConfigTarget } from '../config-target';
import type { ExtensionServices } from '../services';
import { readSettings } from '../settings';
import { ensureTrusted } from '../trust';
import { ProgressEstimator } from '../training/progress-estimator';
import { RunAlreadyActiveError } from '../training/supervisor';
import { buildTrainerLaunch, trainerScriptPath } from '../training/trainer-launch';
import type { TerminalEvent, TrainingRun } from '../training/training-run';
import { newRunDir } from '../training/run-location';
import { COMMANDS } from '../../core/protocol/commands';

export interface StartTrainingOptions {
  readonly seed?: number;
  readonly runDir?: string;
  /** Tasks show their own terminal; they do not want a notification as well. */
  readonly silent?: boolean;
}

/** What the command returns to its caller (tasks, tests, other extensions). */
export interface StartedRun {
  readonly configPath: string;
  readonly runDir: string;
  readonly run: TrainingRun;
}

export async function startTraining(
  services: ExtensionServices,
  argument: unknown,
  options: StartTrainingOptions = {},
): Promise<StartedRun | undefined> {
  if (!ensureTrusted('Start Training')) return undefined;
  const configUri = await resolveConfigTarget(argument, 'Start Training');
  if (!configUri) return undefined;
  if (configUri.scheme !== 'file') {
    void vscode.window.showErrorMessage(`Distillery can only train configs on disk, not ${configUri.toString()}.`);
    return undefined;
  }
  const configPath = configUri.fsPath;
  // The trainer reads the file from disk: what the user sees in the editor is what must train.
  const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === configPath);
  if (open?.isDirty) await open.save();
  let text: string;
  try {
    text = readTextFile(configPath, 'config');
  } catch (error) {
    void vscode.window.showErrorMessage(
      `Cannot read ${configPath}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return undefined;
  }

  const extensionPath = services.context.extensionUri.fsPath;
  if (!fs.existsSync(trainerScriptPath(extensionPath))) {
    void vscode.window.showErrorMessage(
      `The trainer is missing from the extension (${trainerScriptPath(extensionPath)}). Reinstall Distillery.`,
    );
    return undefined;
  }

  const settings = readSettings(configUri);
  const folder = vscode.workspace.getWorkspaceFolder(configUri);
  const runDir =
    options.runDir ??
    newRunDir(
      {
        configPath,
        configOutput: configOutputOf(text),
        runsFolderSetting: settings.runsFolder,
        ...(folder ? { workspaceFolderPath: folder.uri.fsPath } : {}),
        now: new Date(),
      },
      (dir) => fs.existsSync(dir),
    );
  const launch = buildTrainerLaunch({
    extensionPath,
    configPath,
    runDir,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    backend: settings.backend,
    nodePath: settings.trainerNodePath,
    hostExecutable: process.execPath,
    baseEnv: process.env,
  });

  let run: TrainingRun;
  try {
    run = services.supervisor.start(configPath, runDir, launch);
  } catch (error) {
    if (error instanceof RunAlreadyActiveError) {
      const stop = 'Stop It';
      void vscode.window
        .showWarningMessage(`${path.basename(configPath)} is already training (${path.basename(error.runDir)}).`, stop)
        .then((choice) => {
          if (choice === stop) services.supervisor.stop(configPath);
        });
      return undefined;
    }
    void vscode.window.showErrorMessage(
      `Could not start training: ${error instanceof Error ? error.message : String(error)}`,
    );
    return undefined;
  }
  services.trainingOutput.appendLine(`[${path.basename(configPath)}] ${launch.command} ${launch.args.join(' ')}`);
  if (!options.silent) followWithNotification(services, run);
  void run.finished.then((outcome) => announceOutcome(services, run, outcome, options.silent === true));
  return { configPath, runDir, run };
}

function followWithNotification(services: ExtensionServices, run: TrainingRun): void {
  const name = path.basename(run.configPath);
  void vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Training ${name}`, cancellable: true },
    (progress, token) => {
      token.onCancellationRequested(() => run.stop('cancelled from the notification'));
      const estimator = new ProgressEstimator();
      let reported = 0;
      const subscription = services.supervisor.onEvent(({ run: from, event }) => {
        if (from !== run) return;
        const share = estimator.update(event);
        const message = describeRunProgress(event);
        const increment = Math.max(0, share * 100 - reported);
        reported += increment;
        if (message !== undefined) progress.report({ message, increment });
      });
      return run.finished.then(() => subscription.dispose());
    },
  );
}

function announceOutcome(services: ExtensionServices, run: TrainingRun, outcome: TerminalEvent, quiet: boolean): void {
  const name = path.basename(run.configPath);
  services.trainingOutput.appendLine(`[${name}] ${describeRunEvent(outcome)}`);
  const configUri = vscode.Uri.file(run.configPath);
  if (outcome.type === 'done') {
    if (quiet) return;
    const compare = 'Show Comparison';
    void vscode.window.showInformationMessage(`${name}: ${outcome.summary}`, compare).then((choice) => {
      if (choice === compare) void vscode.commands.executeCommand(COMMANDS.showComparison, configUri);
    });
  } else if (outcome.type === 'failed') {
    // A failure is always shown, task or not: it must never pass silently.
    const log = 'Show Log';
    const open = 'Open Run';
    void vscode.window
      .showErrorMessage(
        `${name}: training failed: ${outcome.error}${outcome.hint ? ` ${outcome.hint}` : ''}`,
        log,
        open,
      )
      .then((choice) => {
        if (choice === log) services.trainingOutput.show(true);
        if (choice === open) void services.panels().showRun(vscode.Uri.file(run.runDir));
      });
  } else if (!quiet) {
    void vscode.window.showInformationMessage(`${name}: training cancelled (${outcome.reason}).`);
  }
}
