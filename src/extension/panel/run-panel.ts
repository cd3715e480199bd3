/** The panel of one run directory: its report, refreshed when report.json is (re)written. */
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { WebviewMessage } from '../../core/protocol/webview-messages';
import { REPORT_FILE } from '../../core/runs/layout';
import { PanelSession } from './panel-session';
import { readReport } from './run-directories';
import { revealExport } from './reveal-export';

export class RunPanel extends PanelSession {
  constructor(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    readonly runDir: vscode.Uri,
    log: vscode.LogOutputChannel,
  ) {
    super(
      panel,
      extensionUri,
      { kind: 'run', target: runDir.toString(), title: `Distillery run: ${path.basename(runDir.fsPath)}` },
      log,
    );
    this.resendOnWrite(runDir, REPORT_FILE);
  }

  protected sendAll(): void {
    const read = readReport(this.runDir.fsPath);
    if (read.ok) this.post('report', { runId: path.basename(this.runDir.fsPath), report: read.report });
    else this.post('notice', { level: 'error', message: read.error });
  }

  protected async handle(message: Exclude<WebviewMessage, { type: 'ready' | 'protocolError' }>): Promise<void> {
    if (message.type === 'revealExport' && message.payload.runId === path.basename(this.runDir.fsPath)) {
      const problem = await revealExport(this.runDir.fsPath, message.payload.path);
      if (problem) this.post('notice', { level: 'error', message: problem });
      return;
    }
    this.post('notice', { level: 'error', message: `A run panel cannot handle "${message.type}".` });
  }
}
