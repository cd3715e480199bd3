/** Distillery: Restart Language Server. */
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';

export async function restartServer(services: ExtensionServices): Promise<boolean> {
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Restarting the Distillery language server' },
    () => services.languageClient.restart(),
  );
  return services.languageClient.isRunning;
}
