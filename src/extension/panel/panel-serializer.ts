/**
 * Restores Distillery panels after a window reload. The webview keeps `{ init: { kind, target } }` in its
 * state (getState/setState); VS Code hands that state back here. Needs `onWebviewPanel:distillery.panel` in
 * the extension's activation events.
 */
import * as vscode from 'vscode';
import type { PanelKind } from '../../core/protocol/webview-messages';
import type { PanelManager } from './panel-manager';
import { PANEL_VIEW_TYPE } from './panel-session';

const KINDS: readonly PanelKind[] = ['config', 'run', 'sweep'];

/** The panel kind and target saved in a webview's state, or undefined when the state is not one of ours. */
export function restoredTarget(state: unknown): { kind: PanelKind; target: string } | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const init = (state as { init?: unknown }).init;
  if (typeof init !== 'object' || init === null) return undefined;
  const { kind, target } = init as { kind?: unknown; target?: unknown };
  if (typeof kind !== 'string' || !KINDS.includes(kind as PanelKind) || typeof target !== 'string') return undefined;
  return { kind: kind as PanelKind, target };
}

export function registerPanelSerializer(context: vscode.ExtensionContext, manager: PanelManager): void {
  context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
    deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
      const restored = restoredTarget(state);
      if (!restored) {
        // Nothing says what this panel showed (it was closed before its script ran): close it rather than show an empty page.
        panel.dispose();
        return Promise.resolve();
      }
      let uri: vscode.Uri;
      try { uri = vscode.Uri.parse(restored.target, true); } catch { panel.dispose(); return Promise.resolve(); }
      manager.showOrAdopt(restored.kind, uri, panel);
      return Promise.resolve();
    },
  }));
}
