/**
 * Distillery: Run on Cluster: one training run of the config as a Slurm batch job (`sbatch` from the PATH of
 * the machine VS Code's extension host runs on, i.e. a login node), with the run directory next to the config
 * on the filesystem the nodes share. A config with a `sweep` section is offered as a job-array sweep instead.
 */
import { readTextFile } from '../../node/file-system';
import * as vscode from 'vscode';
import { parseConfig } from '../../core/config/parse';
import { describeRunProgress } from '../../core/format/run-event-text';
import { SweepError } from '../../core/sweep-error';
import { trainOnSlurm, type SlurmRunResult } from '../../slurm/train-on-slurm';
import { resolveConfigTarget } from '../config-target';
import type { ExtensionServices } from '../services';
import { readSettings } from '../settings';
import { ensureTrusted } from '../trust';
import { startSweep } from './start-sweep';
import { readSweepSettings } from './sweep-settings';
import * as path from 'node:path';

export async function runOnCluster(
  services: ExtensionServices,
  argument: unknown,
): Promise<SlurmRunResult | undefined> {
  if (!ensureTrusted('Run on Cluster')) return undefined;
  const configUri = await resolveConfigTarget(argument, 'Run on Cluster');
  if (!configUri || configUri.scheme !== 'file') return undefined;
  const configPath = configUri.fsPath;
  const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === configPath);
  if (open?.isDirty) await open.save();
  const hasSweep = parseConfig(readTextFile(configPath, 'config')).config.sweep !== undefined;
  if (hasSweep) {
    const choice = await vscode.window.showQuickPick(['Run the sweep as a job array', 'Run the config once'], {
      title: 'This config has a sweep section',
    });
    if (!choice) return undefined;
    if (choice.startsWith('Run the sweep')) {
      await startSweep(services, configUri, { executor: 'slurm' });
      return undefined;
    }
  }
  const settings = readSweepSettings(configUri);
  const nodePath = readSettings(configUri).trainerNodePath;
  const extensionPath = services.context.extensionUri.fsPath;
  const controller = new AbortController();
  const log = services.trainingOutput;
  try {
    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Distillery on Slurm: ${path.basename(configPath)}`,
        cancellable: true,
      },
      (progress, token) => {
        token.onCancellationRequested(() => controller.abort());
        return trainOnSlurm(configPath, {
          resources: settings.slurm,
          ...(settings.searchTasks ? { searchTasks: settings.searchTasks } : {}),
          signal: controller.signal,
          // The batch job needs a Node on the compute node: the configured one, else `node` from its PATH.
          trainer: { node: nodePath || 'node', script: path.join(extensionPath, 'dist', 'trainer.js') },
          onSubmitted: (jobId) => {
            progress.report({ message: `job ${jobId} submitted` });
            log.appendLine(`[slurm ${path.basename(configPath)}] submitted job ${jobId}`);
          },
          onEvent: (event) => {
            services.panels().postRunEvent(configUri, event);
            const message = describeRunProgress(event);
            if (message !== undefined) progress.report({ message });
          },
        });
      },
    );
    log.appendLine(
      `[slurm ${path.basename(configPath)}] job ${result.jobId} ${result.status}${result.error ? `: ${result.error}` : ''}`,
    );
    if (result.status === 'done') {
      // Not awaited: the command resolves with the result while the message waits for the user.
      void vscode.window
        .showInformationMessage(`Slurm job ${result.jobId} finished.`, 'Show Results')
        .then(async (choice) => {
          if (choice === 'Show Results') await services.panels().showRun(vscode.Uri.file(result.runDir));
        });
    } else {
      void vscode.window.showWarningMessage(`Slurm job ${result.jobId} ${result.status}: ${result.error ?? ''}`);
    }
    return result;
  } catch (error) {
    const message =
      error instanceof SweepError
        ? `${error.message}${error.hint ? ` ${error.hint}` : ''}`
        : error instanceof Error
          ? error.message
          : String(error);
    void vscode.window.showErrorMessage(`Run on Cluster: ${message}`);
    return undefined;
  }
}
