/** The panel of one sweep directory: its trials from sweep.json (refreshed as the sweep writes it), best run one click away. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SweepIndex } from '../../core/protocol/sweep';
import type { WebviewMessage } from '../../core/protocol/webview-messages';
import { SWEEP_INDEX_FILE } from '../../core/runs/layout';
import { PanelSession } from './panel-session';
import { readSweep, trialRunDir } from './sweep-reader';

export class SweepPanel extends PanelSession {
  private sweep: SweepIndex | undefined;

  constructor(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    readonly sweepDir: vscode.Uri,
    private readonly openRun: (runDir: vscode.Uri) => Promise<void>,
    log: vscode.LogOutputChannel,
  ) {
    super(
      panel,
      extensionUri,
      { kind: 'sweep', target: sweepDir.toString(), title: `Distillery sweep: ${path.basename(sweepDir.fsPath)}` },
      log,
    );
    this.resendOnWrite(sweepDir, SWEEP_INDEX_FILE);
  }

  /** Shows the index as it is on disk now. */
  refresh(): void {
    this.sendAll();
  }

  protected sendAll(): void {
    const read = readSweep(this.sweepDir.fsPath);
    // A sweep.json caught mid-write keeps the last good index on screen; the notice says why it is stale.
    if (read.ok) {
      this.sweep = read.sweep;
      this.post('sweep', { sweep: read.sweep });
    } else this.post('notice', { level: 'error', message: read.error });
  }

  protected async handle(message: Exclude<WebviewMessage, { type: 'ready' | 'protocolError' }>): Promise<void> {
    if (message.type !== 'openTrial') {
      this.post('notice', { level: 'error', message: `A sweep panel cannot handle "${message.type}".` });
      return;
    }
    const dir = this.sweep ? trialRunDir(this.sweepDir.fsPath, this.sweep, message.payload.trialId) : undefined;
    if (!dir) {
      this.post('notice', { level: 'error', message: `There is no trial "${message.payload.trialId}" in this sweep.` });
      return;
    }
    await this.openRun(vscode.Uri.file(dir));
  }
}
