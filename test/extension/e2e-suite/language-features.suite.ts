/** Completion and hover through VS Code's own provider commands, answered by the language server. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, fixtureUri, openConfig } from './support';

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

export function defineLanguageFeaturesSuite(): void {
  describe('completion and hover', () => {
    before(async () => {
      await activeApi();
    });
    after(closeAllEditors);

    it('completes distillation keys inside the distillation block', async () => {
      const editor = await openConfig('tiny.distill.yaml');
      const document = editor.document;
      const line = [...Array(document.lineCount).keys()].find((i) =>
        document.lineAt(i).text.startsWith('  temperature:'),
      );
      assert.ok(line !== undefined, 'fixture has a temperature line');
      // A fresh, empty key position at the block's indentation, just below `temperature`.
      assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(line + 1, 0), '  \n')));
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        document.uri,
        new vscode.Position(line + 1, 2),
      );
      const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
      assert.ok(labels.includes('features'), `expected 'features' among ${labels.join(', ')}`);
      assert.ok(!labels.includes('epochs'), 'keys of other sections must not be offered here');
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });

    it('hovers soft_weight with the loss formula and the config values substituted', async () => {
      const editor = await openConfig('tiny.distill.yaml');
      const document = editor.document;
      const offset = document.getText().indexOf('soft_weight');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        fixtureUri('tiny.distill.yaml'),
        document.positionAt(offset + 2),
      );
      const text = hoverText(hovers);
      assert.match(text, /KL/, `hover should explain the soft-target loss, got: ${text}`);
      assert.match(text, /0\.5/, 'hover should show the configured weight');
    });

    it('restarts the language server and keeps answering', async () => {
      assert.equal(await vscode.commands.executeCommand('distillery.restartServer'), true);
      const editor = await openConfig('tiny.distill.yaml');
      const offset = editor.document.getText().indexOf('temperature');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        editor.document.uri,
        editor.document.positionAt(offset + 2),
      );
      assert.ok(hoverText(hovers).length > 0, 'the restarted server answers hovers');
    });
  });
}
