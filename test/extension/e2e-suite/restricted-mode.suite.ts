/**
 * Runs in a code-server started WITH Workspace Trust (no --disable-workspace-trust), so the fixture folder
 * opens in Restricted Mode: language features must work, training must not start.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeApi, codeOf, diagnosticsMatching, fixtureUri, openConfig, screenshot, workspaceRoot } from './support';

export function defineRestrictedModeSuite(): void {
  describe('restricted mode', () => {
    it('really is an untrusted workspace', () => {
      assert.equal(vscode.workspace.isTrusted, false);
    });

    it('still runs the language server: diagnostics appear', async () => {
      await activeApi();
      await openConfig('broken.distill.yaml');
      const diagnostics = await diagnosticsMatching(fixtureUri('broken.distill.yaml'), (all) =>
        all.some((d) => codeOf(d) === 'unknown-key'),
      );
      assert.ok(diagnostics.length > 0);
    });

    it('refuses Start Training: no process, no run folder', async () => {
      const api = await activeApi();
      await openConfig('tiny.distill.yaml');
      const started = await vscode.commands.executeCommand('distillery.startTraining', fixtureUri('tiny.distill.yaml'));
      assert.equal(started, undefined);
      assert.equal(api.supervisor.activeRuns.length, 0);
      assert.equal(
        fs.existsSync(path.join(workspaceRoot(), 'runs')),
        false,
        'nothing may be written in Restricted Mode',
      );
      await screenshot('restricted-mode-refused');
    });

    it('refuses sweeps and cluster runs as well', async () => {
      for (const command of ['distillery.startSweep', 'distillery.runOnCluster']) {
        assert.equal(
          await vscode.commands.executeCommand(command, fixtureUri('tiny.distill.yaml')),
          undefined,
          command,
        );
      }
      assert.deepEqual(
        fs.readdirSync(workspaceRoot()).filter((name) => !name.endsWith('.yaml') && !name.startsWith('.')),
        [],
        'nothing but the fixtures may be in the workspace',
      );
    });
  });
}
