/** A quick fix offered by the server, applied through VS Code's code-action machinery. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, codeOf, diagnosticsMatching, fixtureUri, openConfig } from './support';

export function defineQuickFixSuite(): void {
  describe('quick fix', () => {
    before(async () => {
      await activeApi();
    });
    after(async () => {
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await closeAllEditors();
    });

    it('rewrites the ambiguous alpha as explicit soft and hard weights', async () => {
      const uri = fixtureUri('alpha.distill.yaml');
      const editor = await openConfig('alpha.distill.yaml');
      const diagnostics = await diagnosticsMatching(uri, (all) => all.some((d) => codeOf(d) === 'ambiguous-alpha'));
      const alpha = diagnostics.find((d) => codeOf(d) === 'ambiguous-alpha');
      assert.ok(alpha);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        alpha.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      // Two readings of alpha, two fixes; take the Keras/torchdistill one (alpha = hard-label weight).
      const fix = actions.find((a) => a.edit && /hard-label/.test(a.title));
      assert.ok(fix, `no hard-label quick fix for ambiguous-alpha among: ${actions.map((a) => a.title).join(', ')}`);
      assert.ok(fix?.edit);
      assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the workspace edit should apply');
      const text = editor.document.getText();
      assert.doesNotMatch(text, /^\s*alpha:/m);
      assert.match(text, /hard_weight: 0\.3/);
      assert.match(text, /soft_weight: 0\.7/);
      await diagnosticsMatching(uri, (all) => !all.some((d) => codeOf(d) === 'ambiguous-alpha'));
    });
  });
}
