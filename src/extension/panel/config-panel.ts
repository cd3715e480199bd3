/**
 * The panel of one config file: comparison and risks re-analysed as the document is edited (debounced), the
 * live curves of its current run, and its past runs with their reports.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { analyzeConfig } from '../../core/analysis/analyze';
import { nodeFileSystem } from '../../node/file-system';
import type { ConfigAnalysis } from '../../core/protocol/lsp-messages';
import type { RunEvent } from '../../core/protocol/run-events';
import type { RunListEntry, WebviewMessage } from '../../core/protocol/webview-messages';
import { EVENTS_FILE, REPORT_FILE } from '../../core/runs/layout';
import { runsRoot } from '../../core/runs/runs-root';
import { readSettings } from '../settings';
import { asConfigAnalysis, toAnalysisPayload } from './analysis-payload';
import { debounce } from './debounce';
import { PanelSession } from './panel-session';
import type { RunEventBuffer } from './run-event-buffer';
import { listRuns, readReport, runDirOf } from './run-directories';
import { revealExport } from './reveal-export';

const ANALYSIS_DELAY_MS = 250;
/** events.jsonl changes every epoch: re-list the runs at most this often while one is writing. */
const RUNS_DELAY_MS = 1000;

/** The language server's analysis of a config's current version, or undefined when the server cannot answer. */
export type ServerAnalysis = (configUri: vscode.Uri) => Promise<ConfigAnalysis | undefined>;

export class ConfigPanel extends PanelSession {
  private runs: RunListEntry[] = [];
  private outputFolder: string | undefined;
  private runsWatcher: vscode.FileSystemWatcher | undefined;
  private readonly reanalyse = debounce(() => {
    void this.sendAnalysis();
  }, ANALYSIS_DELAY_MS);
  private readonly relist = debounce(() => this.refreshRuns(), RUNS_DELAY_MS);
  /** Whether this page load has been sent a report yet; the first runs listing sends the newest one. */
  private reportSent = false;

  constructor(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    readonly configUri: vscode.Uri,
    private readonly events: RunEventBuffer,
    private readonly serverAnalysis: ServerAnalysis,
    log: vscode.LogOutputChannel,
  ) {
    super(
      panel,
      extensionUri,
      { kind: 'config', target: configUri.toString(), title: `Distillery: ${path.basename(configUri.fsPath)}` },
      log,
    );
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === configUri.toString()) this.reanalyse();
      }),
      // The runs folder follows distillery.runsFolder, as Start Training does.
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('distillery.runsFolder', configUri)) this.reanalyse();
      }),
      {
        dispose: () => {
          this.reanalyse.cancel();
          this.relist.cancel();
          this.runsWatcher?.dispose();
        },
      },
    );
  }

  protected sendAll(): void {
    this.reportSent = false;
    void this.sendAnalysis();
    if (this.events.all().length > 0) this.post('runEvents', { events: this.events.all() });
  }

  /** A live event of this config's run (already stored in the buffer by the manager). */
  forwardEvent(event: RunEvent): void {
    this.post('runEvents', { events: [event] });
    if (event.type === 'done' || event.type === 'failed' || event.type === 'cancelled') {
      const runDir = this.events.runDir();
      if (event.type === 'done' && runDir) this.sendReport(path.basename(runDir), runDir);
      this.refreshRuns();
    }
  }

  protected async handle(message: Exclude<WebviewMessage, { type: 'ready' | 'protocolError' }>): Promise<void> {
    switch (message.type) {
      case 'revealRange': {
        const { start, end } = message.payload.range;
        const document = await vscode.workspace.openTextDocument(this.configUri);
        const visible = vscode.window.visibleTextEditors.find(
          (e) => e.document.uri.toString() === this.configUri.toString(),
        );
        await vscode.window.showTextDocument(document, {
          viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
          selection: new vscode.Range(start.line, start.character, end.line, end.character),
          preserveFocus: false,
        });
        return;
      }
      case 'loadReport': {
        const dir = this.folderOfRun(message.payload.runId);
        if (!dir) {
          this.post('notice', {
            level: 'error',
            message: `There is no run "${message.payload.runId}" of this config.`,
          });
          return;
        }
        this.sendReport(message.payload.runId, dir);
        return;
      }
      case 'revealExport': {
        const dir = this.folderOfRun(message.payload.runId);
        const problem = dir
          ? await revealExport(dir, message.payload.path)
          : `There is no run "${message.payload.runId}" of this config.`;
        if (problem) this.post('notice', { level: 'error', message: problem });
        return;
      }
      case 'openTrial':
        this.post('notice', {
          level: 'error',
          message: 'This panel shows a config, not a sweep: open the sweep to open its trials.',
        });
        return;
    }
  }

  /** The folder of this config's run `runId`: one of the listed runs, or the run that just ended. */
  private folderOfRun(runId: string): string | undefined {
    const current = this.events.endedRunDir();
    return (
      (this.outputFolder ? runDirOf(this.outputFolder, runId, this.runs) : undefined) ??
      (current && path.basename(current) === runId ? current : undefined)
    );
  }

  private sendReport(runId: string, dir: string): void {
    this.reportSent = true;
    const read = readReport(dir);
    if (read.ok) this.post('report', { runId, report: read.report });
    else this.post('notice', { level: 'error', message: read.error });
  }

  /**
   * The editor's own analysis, asked of the language server (it has analysed this version already); only
   * with the server stopped or crashed is the text analysed here, so the panel still shows something.
   */
  private async analysis(): Promise<ConfigAnalysis> {
    const document = await vscode.workspace.openTextDocument(this.configUri);
    const fromServer = await this.serverAnalysis(this.configUri);
    if (fromServer) return fromServer;
    this.log.info(`no analysis from the language server for ${this.configUri.fsPath}: analysing in the extension`);
    return asConfigAnalysis(analyzeConfig(document.getText(), this.configUri.fsPath, nodeFileSystem), document.version);
  }

  private async sendAnalysis(): Promise<void> {
    const analysis = await this.analysis();
    this.post('analysis', toAnalysisPayload(analysis, this.configUri.fsPath));
    // Where Start Training writes this config's runs: distillery.runsFolder if set, else the config's `output`.
    const folder = vscode.workspace.getWorkspaceFolder(this.configUri);
    this.watchOutput(
      runsRoot({
        configPath: this.configUri.fsPath,
        configOutput: analysis.output,
        runsFolderSetting: readSettings(this.configUri).runsFolder,
        ...(folder ? { workspaceFolderPath: folder.uri.fsPath } : {}),
      }),
    );
  }

  private watchOutput(folder: string): void {
    if (folder !== this.outputFolder) {
      this.outputFolder = folder;
      this.runsWatcher?.dispose();
      this.runsWatcher = vscode.workspace.createFileSystemWatcher(
        new vscode.RelativePattern(vscode.Uri.file(folder), `*/{${REPORT_FILE},${EVENTS_FILE}}`),
      );
      const refresh = (): void => this.relist();
      this.runsWatcher.onDidCreate(refresh);
      this.runsWatcher.onDidChange(refresh);
      this.runsWatcher.onDidDelete(refresh);
    }
    this.refreshRuns();
  }

  private refreshRuns(): void {
    if (!this.outputFolder) return;
    this.runs = listRuns(this.outputFolder);
    this.post('runs', { runs: this.runs });
    if (this.reportSent) return;
    // Open on the newest finished run's results rather than an empty Results view: the run this config last
    // trained in this window when it ended outside the listed folder (e.g. a task's own run directory), else
    // the newest finished run listed.
    const folder = this.outputFolder;
    const current = this.events.endedRunDir();
    const newest = this.runs.find((r) => r.status === 'done' || r.status === 'failed' || r.status === 'cancelled');
    if (current && !this.runs.some((r) => path.join(folder, r.id) === current))
      this.sendReport(path.basename(current), current);
    else if (newest) this.sendReport(newest.id, path.join(folder, newest.id));
  }
}
