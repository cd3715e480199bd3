/**
 * Distillery: Start Sweep in a real VS Code: the command runs the config's trials through the bundled CLI
 * (local executor, real trainer on iris), opens the sweep view, and returns the sweep's outcome; sweep.json
 * on disk names the best trial.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SweepIndex } from '../../../src/core/protocol/sweep';
import type { SweepSessionResult } from '../../../src/extension/sweep/sweep-session';
import { tinyConfig } from '../../sweep/fixtures/configs';
import { activeApi, closeAllEditors, eventually, screenshot, webviewTabs } from './support';

export function defineSweepSuite(): void {
  describe('sweeps', function () {
    this.timeout(5 * 60_000);
    before(async () => { await activeApi(); });
    after(closeAllEditors);

    it('Start Sweep runs every trial, opens the sweep view and records the best trial', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'distillery-e2e-sweep-'));
      const config = path.join(dir, 'tiny-sweep.distill.yaml');
      fs.writeFileSync(config, tinyConfig({ epochs: 5, sweep: '  parameters:\n    - { path: distillation.temperature, values: [2, 8] }' }));
      const result = await vscode.commands.executeCommand<SweepSessionResult | undefined>('distillery.startSweep', vscode.Uri.file(config));
      assert.ok(result, 'Start Sweep should run the sweep');
      assert.equal(result.exitCode, 0, `the sweep failed: ${result.stderr}`);
      assert.equal(result.end?.status, 'done');
      assert.deepEqual(result.end?.counts, { pending: 0, running: 0, done: 2, failed: 0, cancelled: 0 });
      const index = JSON.parse(fs.readFileSync(path.join(dir, 'runs', 'tiny-sweep-sweep', 'sweep.json'), 'utf8')) as SweepIndex;
      assert.deepEqual(index.trials.map((t) => t.status), ['done', 'done']);
      assert.equal(index.best?.trial, result.end?.best?.trial);
      await eventually('the sweep view to open', () => webviewTabs().find((t) => t.label.includes('tiny-sweep-sweep')));
      await screenshot('sweep-finished', { afterWebviewRendered: true });
    });
  });
}
