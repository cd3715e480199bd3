/**
 * The workspace-trust gate for everything that runs code or writes files (training, sweeps). Language
 * features never pass through here: they work in Restricted Mode (package.json: untrustedWorkspaces: limited).
 */
import * as vscode from 'vscode';

export const RESTRICTED_MODE_MESSAGE =
  'Distillery does not train in Restricted Mode: training runs code and writes files in this workspace. Trust the workspace to train.';

/** True when the workspace is trusted; otherwise tells the user why nothing happens and offers to manage trust. */
export function ensureTrusted(action: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  const manage = 'Manage Workspace Trust';
  void vscode.window.showWarningMessage(`${action}: ${RESTRICTED_MODE_MESSAGE}`, manage).then((choice) => {
    if (choice === manage) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}
