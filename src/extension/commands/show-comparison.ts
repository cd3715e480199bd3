/** Distillery: Show Comparison: the panel for a config (teacher vs student, risks, live curves, results). */
import type * as vscode from 'vscode';
import { resolveConfigTarget } from '../config-target';
import type { ExtensionServices } from '../services';

export async function showComparison(services: ExtensionServices, argument: unknown): Promise<vscode.Uri | undefined> {
  const configUri = await resolveConfigTarget(argument, 'Show Comparison');
  if (!configUri) return undefined;
  await services.panels().showForConfig(configUri);
  return configUri;
}
