/**
 * Which config a command acts on: the URI it was given (code lens, explorer menu, task), else the active
 * editor's config, else one the user picks from the workspace's configs.
 */
import * as vscode from 'vscode';

export const CONFIG_GLOB = '**/*.distill.{yaml,yml}';
const EXCLUDE_GLOB = '**/{node_modules,.git,.vscode-test}/**';

export function isConfigUri(uri: vscode.Uri): boolean {
  return /\.distill\.ya?ml$/i.test(uri.path);
}

export async function findWorkspaceConfigs(token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const found = await vscode.workspace.findFiles(CONFIG_GLOB, EXCLUDE_GLOB, undefined, token);
  return found.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
}

/** Accepts a Uri, a string path/URI (from tasks or other extensions) or nothing. */
export function asUri(argument: unknown): vscode.Uri | undefined {
  if (argument instanceof vscode.Uri) return argument;
  if (typeof argument === 'string' && argument !== '') {
    return /^[a-z][\w+.-]*:\/\//i.test(argument) ? vscode.Uri.parse(argument) : vscode.Uri.file(argument);
  }
  return undefined;
}

export async function resolveConfigTarget(argument: unknown, purpose: string): Promise<vscode.Uri | undefined> {
  const given = asUri(argument);
  if (given) return given;
  const active = vscode.window.activeTextEditor?.document;
  if (active && (active.languageId === 'distill' || isConfigUri(active.uri))) return active.uri;
  const configs = await findWorkspaceConfigs();
  if (configs.length === 0) {
    void vscode.window.showInformationMessage(
      'No *.distill.yaml config in this workspace. Run "Distillery: New Config..." to write one.',
    );
    return undefined;
  }
  if (configs.length === 1) return configs[0];
  const picked = await vscode.window.showQuickPick(
    configs.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title: purpose, placeHolder: 'Pick a distillation config' },
  );
  return picked?.uri;
}
