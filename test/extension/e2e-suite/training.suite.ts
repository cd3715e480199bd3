/**
 * Background training through the real trainer (dist/trainer.js on real iris / MNIST data): a run to the
 * end, a cancelled run, the one-run-per-config rule, and a trainer that cannot start at all.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StartedRun } from '../../../src/extension/commands/start-training';
import { formatPercent } from '../../../src/core/format/percent';
import type { RunReport } from '../../../src/core/protocol/report';
import {
  activeApi,
  closeAllEditors,
  eventually,
  fixtureUri,
  openConfig,
  panelShowing,
  screenshot,
  webviewTabs,
  workspaceRoot,
} from './support';

function readReport(runDir: string): RunReport {
  const file = path.join(runDir, 'report.json');
  assert.ok(fs.existsSync(file), `${file} should exist`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as RunReport;
}

async function start(config: string): Promise<StartedRun> {
  const started = await vscode.commands.executeCommand<StartedRun | undefined>(
    'distillery.startTraining',
    fixtureUri(config),
  );
  assert.ok(started, `Start Training should start ${config}`);
  return started;
}

function isAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function defineTrainingSuite(): void {
  describe('training', function () {
    this.timeout(5 * 60_000);
    before(async function () {
      const trainer = path.join(
        vscode.extensions.getExtension('distillery.distillery')?.extensionPath ?? '',
        'dist',
        'trainer.js',
      );
      assert.ok(
        fs.existsSync(trainer),
        `the trainer bundle ${trainer} is missing: build src/trainer/main.ts (npm run build)`,
      );
      await activeApi();
    });
    after(closeAllEditors);

    it('trains the tiny iris config to the end and writes a complete run', async () => {
      const editor = await openConfig('tiny.distill.yaml');
      // The config's panel is open (for the active editor's document, as the user opens it) while it trains.
      await vscode.commands.executeCommand('distillery.showComparison');
      await eventually('the config panel tab', () => (webviewTabs().length > 0 ? true : undefined));
      const api = await activeApi();
      const started = await start('tiny.distill.yaml');
      assert.equal(
        path.dirname(started.runDir),
        path.join(path.dirname(started.configPath), 'runs'),
        "runs go to the config's output folder",
      );
      const outcome = await started.run.finished;
      assert.equal(outcome.type, 'done', `the run should finish, got ${JSON.stringify(outcome)}`);
      const report = readReport(started.runDir);
      assert.equal(report.status, 'done');
      assert.ok(report.student && report.student.metrics.accuracy > 0, "the report should hold the student's results");
      assert.ok(
        started.run.events.some((e) => e.type === 'epoch' && e.role === 'student'),
        'student epochs should have streamed',
      );
      // The open config panel got this run's report: its Results view shows the run, not "No results yet".
      const runId = path.basename(started.runDir);
      const delivered = await eventually(`the config panel to be sent the report of ${runId}`, () => {
        const reports = api.panels.deliveredReports('config', editor.document.uri);
        return reports?.includes(runId) ? reports : undefined;
      });
      assert.equal(
        delivered.at(-1),
        runId,
        `the newest report the config panel got should be this run's (got ${delivered.join(', ')})`,
      );
      // Open Run with the run folder: the run's own results page, beside the config with its last-run lens.
      await vscode.commands.executeCommand('distillery.openRun', vscode.Uri.file(started.runDir));
      await eventually('the run panel tab', () => (webviewTabs().length > 0 ? true : undefined));
      // What the user sees in the run panel, read from the page: this run's results, not a blank or waiting view.
      const student = formatPercent(report.student.metrics.accuracy, 2);
      const teacher = formatPercent(report.teacher?.metrics.accuracy, 2);
      const shown = await panelShowing(`Distillery run: ${runId}`, `the results of ${runId}`, (text) =>
        text.includes(`Run ${runId}`),
      );
      assert.match(shown, /Status: done/);
      assert.ok(
        shown.includes(student) && shown.includes(teacher),
        `the run panel should show the student's ${student} and the teacher's ${teacher}:\n${shown}`,
      );
      await screenshot('run-finished');
    });

    it("opens the config panel on a finished run's results, also when distillery.runsFolder puts runs elsewhere", async () => {
      const api = await activeApi();
      const settings = vscode.workspace.getConfiguration('distillery');
      await settings.update('runsFolder', 'elsewhere/runs', vscode.ConfigurationTarget.Workspace);
      try {
        await closeAllEditors();
        const editor = await openConfig('tiny.distill.yaml');
        const started = await start('tiny.distill.yaml');
        assert.equal(
          path.dirname(started.runDir),
          path.join(workspaceRoot(), 'elsewhere', 'runs'),
          'runs go to the runsFolder setting',
        );
        const outcome = await started.run.finished;
        assert.equal(outcome.type, 'done', `the run should finish, got ${JSON.stringify(outcome)}`);
        // As from the "Show Comparison" button of the notification: the panel opens after the run ended.
        await vscode.commands.executeCommand('distillery.showComparison', editor.document.uri);
        const runId = path.basename(started.runDir);
        const shown = await eventually(`the new config panel to be sent the report of ${runId}`, () => {
          const reports = api.panels.deliveredReports('config', editor.document.uri);
          return reports?.includes(runId) ? reports : undefined;
        });
        assert.equal(shown.at(-1), runId, `the panel should open on this run's results (got ${shown.join(', ')})`);
      } finally {
        await settings.update('runsFolder', undefined, vscode.ConfigurationTarget.Workspace);
        await closeAllEditors();
      }
    });

    it("offers Train and Compare code lenses, and the last run's result", async () => {
      const uri = fixtureUri('tiny.distill.yaml');
      await openConfig('tiny.distill.yaml');
      const lenses = await eventually(
        'a last-run code lens',
        async () => {
          const found = await vscode.commands.executeCommand<vscode.CodeLens[]>(
            'vscode.executeCodeLensProvider',
            uri,
            10,
          );
          return found.some((l) => /%/.test(l.command?.title ?? '')) ? found : undefined;
        },
        20_000,
        250,
      );
      const commands = lenses.map((l) => l.command?.command);
      assert.ok(commands.includes('distillery.startTraining'));
      assert.ok(commands.includes('distillery.showComparison'));
      const registered = new Set(await vscode.commands.getCommands(true));
      for (const command of commands)
        assert.ok(command && registered.has(command), `lens command ${command} must be registered`);
    });

    it('refuses a second run of the same config and cancels a long run on Stop Training', async () => {
      const api = await activeApi();
      const started = await start('long.distill.yaml');
      await eventually(
        'the long run to be training',
        () => (started.run.events.some((e) => e.type === 'epoch') ? true : undefined),
        120_000,
        200,
      );
      const second = await vscode.commands.executeCommand<StartedRun | undefined>(
        'distillery.startTraining',
        fixtureUri('long.distill.yaml'),
      );
      assert.equal(second, undefined, 'a second concurrent run of the same config must be refused');
      assert.equal(api.supervisor.activeRuns.length, 1);
      const pid = started.run.pid;
      assert.ok(isAlive(pid));
      assert.equal(
        await vscode.commands.executeCommand('distillery.stopTraining', fixtureUri('long.distill.yaml')),
        true,
      );
      const outcome = await started.run.finished;
      assert.equal(outcome.type, 'cancelled');
      assert.equal(readReport(started.runDir).status, 'cancelled');
      await eventually('the trainer process to exit', () => (isAlive(pid) ? undefined : true), 10_000);
      assert.equal(api.supervisor.activeRuns.length, 0);
    });

    it('runs a distillery task from the task system through the same supervisor', async () => {
      const tasks = await vscode.tasks.fetchTasks({ type: 'distillery' });
      const tiny = tasks.find((t) => (t.definition as { config?: string }).config === 'tiny.distill.yaml');
      assert.ok(tiny, `tasks offered: ${tasks.map((t) => t.name).join(', ')}`);
      const api = await activeApi();
      const runsDir = path.join(path.dirname(fixtureUri('tiny.distill.yaml').fsPath), 'runs');
      const runsBefore = new Set(fs.existsSync(runsDir) ? fs.readdirSync(runsDir) : []);
      const ended = new Promise<void>((resolve) => {
        const subscription = vscode.tasks.onDidEndTask((event) => {
          if (event.execution.task.definition.type === 'distillery') {
            subscription.dispose();
            resolve();
          }
        });
      });
      await vscode.tasks.executeTask(tiny);
      await ended;
      assert.equal(api.supervisor.activeRuns.length, 0);
      const created = fs.readdirSync(runsDir).filter((name) => !runsBefore.has(name));
      assert.equal(created.length, 1, `one new run folder, got ${created.join(', ')}`);
      assert.equal(readReport(path.join(runsDir, created[0] ?? '')).status, 'done');
    });

    it('turns a trainer that cannot start into a visible failed run with the reason', async () => {
      const settings = vscode.workspace.getConfiguration('distillery');
      await settings.update(
        'trainer.nodePath',
        '/nonexistent/node-for-distillery',
        vscode.ConfigurationTarget.Workspace,
      );
      try {
        const started = await start('tiny.distill.yaml');
        const outcome = await started.run.finished;
        assert.equal(outcome.type, 'failed');
        assert.ok(
          outcome.type === 'failed' && outcome.error.includes('/nonexistent/node-for-distillery'),
          `reason should name the executable: ${JSON.stringify(outcome)}`,
        );
        const report = readReport(started.runDir);
        assert.equal(report.status, 'failed');
        assert.match(report.error ?? '', /could not start/);
      } finally {
        await settings.update('trainer.nodePath', undefined, vscode.ConfigurationTarget.Workspace);
      }
    });
  });
}
