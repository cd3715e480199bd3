/**
 * Restores Distillery panels after a window reload. The webview keeps `{ init: { kind, target } }` in its
 * state (getState/setState); VS Code hands that state back here. Needs `onWebviewPanel:distillery.panel` in
 * the extension's activation events.
 */
import * as vscode from 'vscode';
import type { PanelManager } from './panel-manager';
import { restoredTarget } from './panel-serializer-state';
import { PANEL_VIEW_TYPE } from './panel-session';

export function registerPanelSerializer(context: vscode.ExtensionContext, manager: PanelManager): void {
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
        const restored = restoredTarget(state);
        if (!restored) {
          // Nothing says what this panel showed (it was closed before its script ran): close it rather than show an empty page.
          panel.dispose();
          return Promise.resolve();
        }
        let uri: vscode.Uri;
        try {
          uri = vscode.Uri.parse(restored.target, true);
        } catch {
          panel.dispose();
          return Promise.resolve();
        }
        manager.showOrAdopt(restored.kind, uri, panel);
        return Promise.resolve();
      },
    }),
  );
}
