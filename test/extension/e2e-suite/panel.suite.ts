/** Show Comparison opens the Distillery webview panel next to the config. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, eventually, fixtureUri, openConfig, screenshot, webviewTabs } from './support';

export function definePanelSuite(): void {
  describe('panel', () => {
    before(async () => {
      await activeApi();
    });
    after(closeAllEditors);

    it('opens the comparison panel for the active config, and reveals instead of duplicating', async () => {
      await openConfig('tiny.distill.yaml');
      await vscode.commands.executeCommand('distillery.showComparison');
      const tabs = await eventually('the Distillery panel tab', () =>
        webviewTabs().length > 0 ? webviewTabs() : undefined,
      );
      assert.equal(tabs.length, 1);
      await screenshot('panel-open', { afterWebviewRendered: true });
      await vscode.commands.executeCommand('distillery.showComparison', fixtureUri('tiny.distill.yaml'));
      assert.equal(webviewTabs().length, 1, 'a second Show Comparison for the same config should reuse the panel');
    });

    it('registers every command the manifest declares', async () => {
      const registered = new Set(await vscode.commands.getCommands(true));
      const extension = vscode.extensions.getExtension('distillery.distillery');
      const declared = (
        extension?.packageJSON as { contributes: { commands: { command: string }[] } }
      ).contributes.commands.map((c) => c.command);
      assert.deepEqual(
        declared.filter((id) => !registered.has(id)),
        [],
      );
    });
  });
}
