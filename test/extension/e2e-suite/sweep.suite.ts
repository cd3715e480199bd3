/**
 * Distillery: Start Sweep in a real VS Code: the command runs the config's trials through the bundled CLI
 * (local executor, real trainer on iris), opens the sweep view, and returns the sweep's outcome; sweep.json
 * on disk names the best trial. Run on Cluster submits a config to a real single-node Slurm cluster as one job.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SweepIndex } from '../../../src/core/protocol/sweep';
import type { SweepSessionResult } from '../../../src/extension/sweep/sweep-session';
import type { SlurmRunResult } from '../../../src/slurm/train-on-slurm';
import { startCluster, type TestCluster } from '../../sweep/fixtures/slurm-cluster';
import { tinyConfig } from '../../sweep/fixtures/configs';
import { activeApi, closeAllEditors, eventually, panelShowing, screenshot, webviewTabs } from './support';

export function defineSweepSuite(): void {
  describe('sweeps', function () {
    this.timeout(5 * 60_000);
    before(async () => {
      await activeApi();
    });
    after(closeAllEditors);

    it('Start Sweep runs every trial, opens the sweep view and records the best trial', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'distillery-e2e-sweep-'));
      const config = path.join(dir, 'tiny-sweep.distill.yaml');
      fs.writeFileSync(
        config,
        tinyConfig({ epochs: 5, sweep: '  parameters:\n    - { path: distillation.temperature, values: [2, 8] }' }),
      );
      const result = await vscode.commands.executeCommand<SweepSessionResult | undefined>(
        'distillery.startSweep',
        vscode.Uri.file(config),
      );
      assert.ok(result, 'Start Sweep should run the sweep');
      const sweepFile = path.join(dir, 'runs', 'tiny-sweep-sweep', 'sweep.json');
      const trialErrors = (): string =>
        fs.existsSync(sweepFile)
          ? (JSON.parse(fs.readFileSync(sweepFile, 'utf8')) as SweepIndex).trials
              .filter((t) => t.error)
              .map((t) => `${t.id}: ${t.error}`)
              .join('; ')
          : 'no sweep.json';
      assert.equal(result.exitCode, 0, `the sweep failed: ${result.stderr} (trials: ${trialErrors()})`);
      assert.equal(result.end?.status, 'done');
      assert.deepEqual(result.end?.counts, { pending: 0, running: 0, done: 2, failed: 0, cancelled: 0 });
      const index = JSON.parse(fs.readFileSync(sweepFile, 'utf8')) as SweepIndex;
      assert.deepEqual(
        index.trials.map((t) => t.status),
        ['done', 'done'],
      );
      assert.equal(index.best?.trial, result.end?.best?.trial);
      await eventually('the sweep view to open', () => webviewTabs().find((t) => t.label.includes('tiny-sweep-sweep')));
      // What the user sees, read from the page: the finished sweep with both trials done, not a stale "running" view.
      const shown = await panelShowing('Distillery sweep: tiny-sweep-sweep', 'both trials done', (text) =>
        text.includes('2 of 2 trials done · done'),
      );
      assert.equal(shown.match(/^trial-\d+\s+done\b/gm)?.length, 2, `two trial rows marked done:\n${shown}`);
      assert.ok(shown.includes(`Best: ${index.best?.trial ?? '?'}`), `the best trial is named:\n${shown}`);
      await screenshot('sweep-finished');
    });

    describe('on a single-node Slurm cluster', () => {
      let cluster: TestCluster | undefined;
      const originalPath = process.env.PATH;
      before(() => {
        cluster = startCluster();
        // The extension host is this process: the cluster's sbatch/squeue/scancel now come first on its PATH,
        // as they would on a login node.
        process.env.PATH = cluster.env.PATH;
      });
      after(() => {
        process.env.PATH = originalPath;
        cluster?.stop();
      });

      it('Run on Cluster trains the config as one Slurm job and leaves a finished run', async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'distillery-e2e-cluster-'));
        const config = path.join(dir, 'cluster.distill.yaml');
        fs.writeFileSync(config, tinyConfig({ epochs: 5 }));
        const result = await vscode.commands.executeCommand<SlurmRunResult | undefined>(
          'distillery.runOnCluster',
          vscode.Uri.file(config),
        );
        assert.ok(result, 'Run on Cluster should submit the config');
        assert.equal(result.status, 'done', result.error);
        assert.match(result.jobId, /^\d+$/);
        assert.equal(result.report?.status, 'done');
        assert.ok(
          fs.existsSync(path.join(result.runDir, 'slurm', `${result.jobId}.out`)),
          'the job wrote its output next to the run',
        );
        assert.ok(
          result.runDir.startsWith(path.join(dir, 'runs')),
          `the run lives next to the config: ${result.runDir}`,
        );
      });

      it('Run on Cluster spreads a compression search over distillery.slurm.searchTasks array tasks', async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'distillery-e2e-search-'));
        const config = path.join(dir, 'search.distill.yaml');
        fs.writeFileSync(
          config,
          tinyConfig({
            epochs: 5,
            extra:
              'compression:\n  target: { max_accuracy_drop: 1, sparsity: [0, 0.5], structure: [units], dtype: [float32], fine_tune_epochs: 1 }',
          }),
        );
        const settings = vscode.workspace.getConfiguration('distillery');
        let result: SlurmRunResult | undefined;
        try {
          await settings.update('slurm.searchTasks', 2, vscode.ConfigurationTarget.Workspace);
          result = await vscode.commands.executeCommand<SlurmRunResult | undefined>(
            'distillery.runOnCluster',
            vscode.Uri.file(config),
          );
        } finally {
          await settings.update('slurm.searchTasks', undefined, vscode.ConfigurationTarget.Workspace);
        }
        assert.ok(result, 'Run on Cluster should submit the config');
        assert.equal(result.status, 'done', result.error);
        assert.equal(result.searchArray?.tasks, 2, 'the search went to a 2-task array');
        assert.deepEqual(
          result.report?.compression_search?.points.map((p) => p.id),
          ['none-float32', 'units50-float32'],
        );
      });
    });
  });
}
