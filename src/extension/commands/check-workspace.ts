/**
 * Distillery: Check Workspace: runs the same analysis as the language server and `distillery check` over
 * every config in the workspace, so problems in closed files show up in the Problems view too.
 */
import * as vscode from 'vscode';
import { analyzeConfig } from '../../core/analysis/analyze';
import { nodeFileSystem, readTextFile } from '../../node/file-system';
import type { Diagnostic } from '../../core/diagnostics';
import { findWorkspaceConfigs } from '../config-target';
import { readSettings } from '../settings';
import { applyStrictness } from '../strictness';

export interface WorkspaceCheckResult {
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
}

const SEVERITY: Readonly<Record<Diagnostic['severity'], vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

function toVscode(d: Diagnostic): vscode.Diagnostic {
  const range = new vscode.Range(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character);
  const diagnostic = new vscode.Diagnostic(range, d.message, SEVERITY[d.severity]);
  diagnostic.code = d.code;
  diagnostic.source = 'distillery';
  return diagnostic;
}

export class WorkspaceChecker implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('distillery-workspace');
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    // An open config is the language server's job; drop our copy so the Problems view never shows both.
    this.subscriptions.push(vscode.workspace.onDidOpenTextDocument((doc) => this.collection.delete(doc.uri)));
  }

  async run(): Promise<WorkspaceCheckResult> {
    const configs = await findWorkspaceConfigs();
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    let errors = 0;
    let warnings = 0;
    this.collection.clear();
    for (const uri of configs) {
      let text: string;
      try {
        text = readTextFile(uri.fsPath, 'config');
      } catch {
        continue;
      }
      const found = applyStrictness(
        analyzeConfig(text, uri.fsPath, nodeFileSystem).diagnostics,
        readSettings(uri).strictness,
      );
      errors += found.filter((d) => d.severity === 'error').length;
      warnings += found.filter((d) => d.severity === 'warning').length;
      if (!open.has(uri.toString())) this.collection.set(uri, found.map(toVscode));
    }
    const summary = `${configs.length} config${configs.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`;
    if (errors + warnings > 0) {
      const show = 'Show Problems';
      void vscode.window.showWarningMessage(`Distillery: ${summary}`, show).then((choice) => {
        if (choice === show) void vscode.commands.executeCommand('workbench.actions.view.problems');
      });
    } else {
      void vscode.window.showInformationMessage(`Distillery: ${summary}`);
    }
    return { files: configs.length, errors, warnings };
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }
}
