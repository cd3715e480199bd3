/** Distillery: Stop Training: the given config's run, the active editor's, the only one, or one picked. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { asUri } from '../config-target';
import type { ExtensionServices } from '../services';
import type { TrainingRun } from '../training/training-run';

export async function stopTraining(services: ExtensionServices, argument: unknown): Promise<boolean> {
  const runs = services.supervisor.activeRuns;
  if (runs.length === 0) {
    void vscode.window.showInformationMessage('No Distillery training is running.');
    return false;
  }
  const target = asUri(argument) ?? vscode.window.activeTextEditor?.document.uri;
  let run: TrainingRun | undefined = target ? services.supervisor.activeRunFor(target.fsPath) : undefined;
  if (!run && runs.length === 1) run = runs[0];
  if (!run) {
    const picked = await vscode.window.showQuickPick(
      runs.map((r) => ({ label: path.basename(r.configPath), description: r.runDir, run: r })),
      { title: 'Stop Training', placeHolder: 'Which run?' },
    );
    run = picked?.run;
  }
  if (!run) return false;
  return services.supervisor.stop(run.configPath, 'stopped by the user');
}
