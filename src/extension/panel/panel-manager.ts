/**
 * Owns every Distillery panel: one per config, per run directory and per sweep directory (showing an already
 * open one reveals it), and the live events of each config's current run, kept even while no panel is open.
 * The extension's commands call it; `registerPanelSerializer` restores its panels after a window reload.
 */
import * as vscode from 'vscode';
import type { RunEvent } from '../../core/protocol/run-events';
import type { PanelKind } from '../../core/protocol/webview-messages';
import { ConfigPanel, type ServerAnalysis } from './config-panel';
import { PANEL_VIEW_TYPE, panelOptions, type PanelSession } from './panel-session';
import { RunEventBuffer } from './run-event-buffer';
import { RunPanel } from './run-panel';
import { SweepPanel } from './sweep-panel';

export class PanelManager implements vscode.Disposable {
  private readonly panels = new Map<string, PanelSession>();
  private readonly eventBuffers = new Map<string, RunEventBuffer>();
  private readonly log: vscode.LogOutputChannel;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly serverAnalysis: ServerAnalysis,
  ) {
    this.log = vscode.window.createOutputChannel('Distillery Panel', { log: true });
    context.subscriptions.push(this.log);
  }

  /** Opens or reveals the panel for a config file (comparison + risks + runs), live-updating as the document changes. */
  showForConfig(configUri: vscode.Uri): Promise<void> {
    this.showOrAdopt('config', configUri);
    return Promise.resolve();
  }

  /** Opens a panel on one run directory's results. */
  showRun(runDir: vscode.Uri): Promise<void> {
    this.showOrAdopt('run', runDir);
    return Promise.resolve();
  }

  /** Opens the sweep view of a sweep directory (reads sweep.json, refreshes when it changes). */
  showSweep(sweepDir: vscode.Uri): Promise<void> {
    this.showOrAdopt('sweep', sweepDir);
    return Promise.resolve();
  }

  /**
   * Re-reads sweep.json into the open sweep view of `sweepDir`, if there is one. The sweep session calls it on each
   * trial's change and at the end: the file watcher alone can miss or delay a change (the index is replaced by a
   * rename, and a sweep may live outside the workspace), which left the view at "0 of 2 trials done · running"
   * beside the notification saying the sweep was done.
   */
  refreshSweep(sweepDir: vscode.Uri): void {
    const panel = this.panels.get(`sweep:${sweepDir.toString()}`);
    if (panel instanceof SweepPanel) panel.refresh();
  }

  /** Forwards a live training event of a run started for this config (opens nothing by itself). */
  postRunEvent(configUri: vscode.Uri, event: RunEvent): void {
    const key = configUri.toString();
    this.bufferOf(key).add(event);
    const panel = this.panels.get(`config:${key}`);
    if (panel instanceof ConfigPanel) panel.forwardEvent(event);
  }

  /** The reports the open panel of `kind` for `target` was given since its page loaded; undefined when no such panel is open. */
  deliveredReports(kind: PanelKind, target: vscode.Uri): readonly string[] | undefined {
    return this.panels.get(`${kind}:${target.toString()}`)?.deliveredReports();
  }

  /** Shows the panel of `kind` for `target`, reusing an open one, or wraps `restored` (a panel VS Code restored). */
  showOrAdopt(kind: PanelKind, target: vscode.Uri, restored?: vscode.WebviewPanel): void {
    const key = `${kind}:${target.toString()}`;
    const existing = this.panels.get(key);
    if (existing) {
      if (restored) restored.dispose();
      else existing.reveal();
      return;
    }
    const panel =
      restored ??
      vscode.window.createWebviewPanel(
        PANEL_VIEW_TYPE,
        'Distillery',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
        panelOptions(this.context.extensionUri),
      );
    const session = this.create(kind, target, panel);
    this.panels.set(key, session);
    session.onDidDispose(() => {
      if (this.panels.get(key) === session) this.panels.delete(key);
    });
  }

  private create(kind: PanelKind, target: vscode.Uri, panel: vscode.WebviewPanel): PanelSession {
    const root = this.context.extensionUri;
    switch (kind) {
      case 'config':
        return new ConfigPanel(panel, root, target, this.bufferOf(target.toString()), this.serverAnalysis, this.log);
      case 'run':
        return new RunPanel(panel, root, target, this.log);
      case 'sweep':
        return new SweepPanel(panel, root, target, (dir) => this.showRun(dir), this.log);
    }
  }

  private bufferOf(key: string): RunEventBuffer {
    let buffer = this.eventBuffers.get(key);
    if (!buffer) {
      buffer = new RunEventBuffer();
      this.eventBuffers.set(key, buffer);
    }
    return buffer;
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
    this.eventBuffers.clear();
  }
}
