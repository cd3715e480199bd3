/**
 * One open panel: its HTML (strict CSP, fresh nonce), typed posting to the webview, and validation of what the
 * webview sends back. The config, run and sweep panels build on it.
 */
import * as vscode from 'vscode';
import type { HostToWebview, PanelInit, WebviewMessage } from '../../core/protocol/webview-messages';
import { validateWebviewMessage } from '../../core/protocol/webview-messages';
import { renderPanelHtml } from './html';
import { createNonce } from './nonce';

export const PANEL_VIEW_TYPE = 'distillery.panel';

/** The folders a panel may load from: the bundle and the stylesheet, nothing else of the extension or workspace. */
export function panelResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: panelResourceRoots(extensionUri) };
}

export abstract class PanelSession implements vscode.Disposable {
  protected readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  private readonly disposeListeners: (() => void)[] = [];
  /** Run ids of the reports the current page load accepted (postMessage resolved true), oldest first. */
  private readonly reports: string[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    protected readonly init: PanelInit,
    protected readonly log: vscode.LogOutputChannel,
  ) {
    panel.webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: panelResourceRoots(extensionUri),
    };
    panel.title = init.title;
    panel.webview.html = this.html();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  onDidDispose(listener: () => void): void {
    this.disposeListeners.push(listener);
  }

  post<K extends keyof HostToWebview>(type: K, payload: HostToWebview[K]): void {
    if (this.disposed) return;
    // postMessage resolves false when the webview is hidden and not retained; it re-requests everything with
    // `ready` when it comes back, so a dropped message loses nothing.
    const delivered = this.panel.webview.postMessage({ type, payload });
    if (type === 'report') {
      const { runId } = payload as HostToWebview['report'];
      void delivered.then((ok) => {
        if (ok && !this.disposed) this.reports.push(runId);
      });
    }
  }

  /** The run ids of the reports this page load was given: what its Results view can show (for the e2e tests). */
  deliveredReports(): readonly string[] {
    return [...this.reports];
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  /** The webview (re)loaded: send it everything it shows. */
  protected abstract sendAll(): void;

  /** Sends everything again whenever `file` in `folder` is created or rewritten (a run's report.json, sweep.json). */
  protected resendOnWrite(folder: vscode.Uri, file: string): void {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, file));
    watcher.onDidCreate(() => this.sendAll());
    watcher.onDidChange(() => this.sendAll());
    this.disposables.push(watcher);
  }
  protected abstract handle(
    message: Exclude<WebviewMessage, { type: 'ready' | 'protocolError' }>,
  ): void | Promise<void>;

  private receive(raw: unknown): void {
    const checked = validateWebviewMessage(raw);
    if (!checked.ok) {
      this.log.warn(`Distillery panel sent a message that was dropped: ${checked.error}`);
      return;
    }
    const message = checked.message;
    if (message.type === 'ready') {
      this.reports.length = 0;
      this.post('init', this.init);
      this.sendAll();
      return;
    }
    if (message.type === 'protocolError') {
      this.log.warn(`Distillery panel dropped a host message: ${message.payload.message}`);
      return;
    }
    Promise.resolve(this.handle(message)).catch((error: unknown) => {
      this.log.error(
        `Distillery panel: ${message.type} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      this.post('notice', {
        level: 'error',
        message: `${message.type} failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    });
  }

  private html(): string {
    const webview = this.panel.webview;
    return renderPanelHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'panel.css')).toString(),
      title: this.init.title,
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
    for (const listener of this.disposeListeners.splice(0)) listener();
  }
}
