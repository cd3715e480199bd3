/**
 * The panel's "Reveal" button on an export: the file is shown in the OS file manager (desktop) or the
 * explorer (remote and web). Only files the run's own report lists as an export's files are revealed, so a
 * webview message cannot point the extension at any other path.
 */
import * as vscode from 'vscode';
import { exportFileOf } from './run-directories';

export async function revealExport(runDir: string, relative: string): Promise<string | undefined> {
  const found = exportFileOf(runDir, relative);
  if ('error' in found) return found.error;
  const inOs = vscode.env.uiKind === vscode.UIKind.Desktop && !vscode.env.remoteName;
  await vscode.commands.executeCommand(inOs ? 'revealFileInOS' : 'revealInExplorer', vscode.Uri.file(found.file));
  return undefined;
}
