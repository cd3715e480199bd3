/** New Config with its answers given as arguments (the quick picks need a person), and its refusals. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, workspaceRoot } from './support';

export function defineWizardSuite(): void {
  describe('new config', () => {
    before(async () => {
      await activeApi();
    });
    after(closeAllEditors);

    it('writes the config, opens it as distill, and offers it to training', async () => {
      const file = path.join(workspaceRoot(), 'generated', 'penguins.distill.yaml');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('distillery.newConfig', {
        dataset: 'penguins',
        teacher: { kind: 'architecture', size: 'medium' },
        studentSize: 8,
        file,
      });
      assert.equal(written?.fsPath, file);
      assert.match(fs.readFileSync(file, 'utf8'), /source: penguins/);
      assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, file);
      assert.equal(vscode.window.activeTextEditor?.document.languageId, 'distill');
      const tasks = await vscode.tasks.fetchTasks({ type: 'distillery' });
      assert.ok(tasks.some((t) => (t.definition as { config?: string }).config === 'generated/penguins.distill.yaml'));
    });

    it('refuses to overwrite an existing file and rejects malformed answers', async () => {
      const existing = path.join(workspaceRoot(), 'tiny.distill.yaml');
      const before = fs.readFileSync(existing, 'utf8');
      const overwrite = await vscode.commands.executeCommand('distillery.newConfig', {
        dataset: 'iris',
        teacher: { kind: 'architecture', size: 'small' },
        studentSize: 4,
        file: existing,
      });
      assert.equal(overwrite, undefined);
      assert.equal(fs.readFileSync(existing, 'utf8'), before, 'the existing config is untouched');
      const target = path.join(workspaceRoot(), 'never.distill.yaml');
      const malformed = await vscode.commands.executeCommand('distillery.newConfig', {
        dataset: 'cifar',
        studentSize: 3,
        file: target,
      });
      assert.equal(malformed, undefined);
      assert.equal(fs.existsSync(target), false);
    });
  });
}
