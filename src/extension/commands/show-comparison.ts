/** Distillery: Show Comparison: the panel for a config (teacher vs student, risks, live curves, results). */
import * as vscode from 'vscode';
import { resolveConfigTarget } from '../config-target';
import type { ExtensionServices } from '../services';

/** `runDirectory` comes from the server's last-run code lens: then the run's results open instead. */
export async function showComparison(
  services: ExtensionServices,
  argument: unknown,
  runDirectory?: unknown,
): Promise<vscode.Uri | undefined> {
  if (typeof runDirectory === 'string' && runDirectory !== '') {
    const runUri = vscode.Uri.file(runDirectory);
    await services.panels().showRun(runUri);
    return runUri;
  }
  const configUri = await resolveConfigTarget(argument, 'Show Comparison');
  if (!configUri) return undefined;
  await services.panels().showForConfig(configUri);
  return configUri;
}
