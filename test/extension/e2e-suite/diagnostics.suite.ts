/** Diagnostics from the real language server appear in the editor for a broken config. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, codeOf, diagnosticsMatching, fixtureUri, openConfig, screenshot } from './support';

export function defineDiagnosticsSuite(): void {
  describe('diagnostics', () => {
    before(async () => {
      await activeApi();
    });
    after(closeAllEditors);

    it('opens *.distill.yaml as the distill language', async () => {
      const editor = await openConfig('broken.distill.yaml');
      assert.equal(editor.document.languageId, 'distill');
    });

    it('reports the misspelt key as unknown-key on its line, with a did-you-mean', async () => {
      const uri = fixtureUri('broken.distill.yaml');
      await openConfig('broken.distill.yaml');
      const diagnostics = await diagnosticsMatching(uri, (all) => all.some((d) => codeOf(d) === 'unknown-key'));
      const unknown = diagnostics.find((d) => codeOf(d) === 'unknown-key');
      assert.ok(unknown);
      assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
      const line = (await vscode.workspace.openTextDocument(uri)).lineAt(unknown.range.start.line).text;
      assert.match(line, /temprature/, `the squiggle should sit on the misspelt key, not on: ${line}`);
      assert.match(unknown.message, /temperature/, 'the message should suggest the right key');
      await screenshot('config-with-squiggles');
    });

    it('clears the error once the key is fixed', async () => {
      const uri = fixtureUri('broken.distill.yaml');
      const editor = await openConfig('broken.distill.yaml');
      const text = editor.document.getText();
      // The key itself, not the word in the fixture's leading comment.
      const offset = text.search(/^ {2}temprature:/m) + 2;
      assert.ok(offset >= 2, 'fixture has the misspelt key');
      const range = new vscode.Range(
        editor.document.positionAt(offset),
        editor.document.positionAt(offset + 'temprature'.length),
      );
      assert.ok(await editor.edit((edit) => edit.replace(range, 'temperature')));
      const after = await diagnosticsMatching(uri, (all) => !all.some((d) => codeOf(d) === 'unknown-key'));
      assert.ok(after.every((d) => codeOf(d) !== 'unknown-key'));
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });

    it('Check Workspace reports every config, closed ones in the Problems view too', async () => {
      const result = await vscode.commands.executeCommand<{ files: number; errors: number; warnings: number }>(
        'distillery.checkWorkspace',
      );
      assert.equal(result.files, 4);
      assert.ok(result.errors >= 2, `broken and alpha configs have errors: ${JSON.stringify(result)}`);
      // long.distill.yaml is never opened by these suites: its finding can only come from Check Workspace.
      const closed = vscode.languages.getDiagnostics(fixtureUri('long.distill.yaml'));
      assert.ok(
        closed.some((d) => codeOf(d) === 'risk/no-baseline'),
        `seen: ${closed.map(codeOf).join(', ')}`,
      );
    });

    it('applies the strictness setting: errors hides risks, strict makes them errors', async () => {
      const uri = fixtureUri('tiny.distill.yaml');
      await openConfig('tiny.distill.yaml');
      const isRiskWarning = (d: vscode.Diagnostic): boolean => codeOf(d) === 'risk/no-baseline';
      await diagnosticsMatching(uri, (all) =>
        all.some((d) => isRiskWarning(d) && d.severity === vscode.DiagnosticSeverity.Warning),
      );
      const settings = vscode.workspace.getConfiguration('distillery');
      try {
        await settings.update('diagnostics.strictness', 'errors', vscode.ConfigurationTarget.Workspace);
        await diagnosticsMatching(uri, (all) => !all.some(isRiskWarning));
        await settings.update('diagnostics.strictness', 'strict', vscode.ConfigurationTarget.Workspace);
        await diagnosticsMatching(uri, (all) =>
          all.some((d) => isRiskWarning(d) && d.severity === vscode.DiagnosticSeverity.Error),
        );
      } finally {
        await settings.update('diagnostics.strictness', undefined, vscode.ConfigurationTarget.Workspace);
      }
      await diagnosticsMatching(uri, (all) =>
        all.some((d) => isRiskWarning(d) && d.severity === vscode.DiagnosticSeverity.Warning),
      );
    });
  });
}
