/**
 * Extension entry point. Activation (on the `distill` language, the task type, a restored panel, or one of
 * the commands) must stay cheap: it starts the language client and registers
 * commands; the panel host, the wizard and the workspace check are loaded on first use.
 */
// First import on purpose: it timestamps the start of the bundle's evaluation.
import { bundleLoadStartedAt } from './load-clock';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { COMMANDS, type CommandId } from '../core/protocol/commands';
import type { PanelKind } from '../core/protocol/webview-messages';
import { reportPathOf } from '../core/runs/read-report';
import type { DistilleryApi } from './api';
import { LanguageClientHost } from './language/client-host';
import type { WorkspaceChecker } from './commands/check-workspace';
import { PanelManager } from './panel/panel-manager';
import { registerPanelSerializer } from './panel/panel-serializer';
import { registerSweepCommands } from './sweep/register';
import type { ExtensionServices } from './services';
import { TrainingStatusBar } from './training/status-bar';
import { TrainingSupervisor } from './training/supervisor';
import type { DistilleryTaskProvider } from './tasks/task-provider';

const TRAINING_ACTIVE_CONTEXT = 'distillery.trainingActive';
let supervisor: TrainingSupervisor | undefined;

export function activate(context: vscode.ExtensionContext): DistilleryApi {
  const activateStartedAt = performance.now();
  const trainingOutput = vscode.window.createOutputChannel('Distillery Training');
  const languageClient = new LanguageClientHost(context);
  supervisor = new TrainingSupervisor();
  let panelManager: PanelManager | undefined;
  const services: ExtensionServices = {
    context,
    supervisor,
    languageClient,
    trainingOutput,
    panels() {
      // Created on first use; webviews themselves only exist once a panel is shown.
      if (!panelManager) {
        panelManager = new PanelManager(context, (uri) => languageClient.configAnalysis(uri));
        context.subscriptions.push(panelManager);
      }
      return panelManager;
    },
  };
  const running = supervisor;
  context.subscriptions.push(
    trainingOutput,
    languageClient,
    new TrainingStatusBar(running),
    running.onLog(({ run, line }) => trainingOutput.appendLine(`[${path.basename(run.configPath)}] ${line}`)),
    running.onEvent(({ run, event }) => services.panels().postRunEvent(vscode.Uri.file(run.configPath), event)),
    running.onEvent(({ run, event }) => {
      if (event.type !== 'done' && event.type !== 'failed' && event.type !== 'cancelled') return;
      // Once the child is gone its report.json is final: let the server refresh the last-run lens now.
      void run.finished.then(() => languageClient.notifyFilesChanged([vscode.Uri.file(reportPathOf(run.runDir))]));
    }),
    running.onDidChangeActiveRuns(() => {
      void vscode.commands.executeCommand('setContext', TRAINING_ACTIVE_CONTEXT, running.activeRuns.length > 0);
    }),
  );

  registerCommands(context, services);
  registerSweepCommands(context, services);
  registerPanelRestore(context, services);
  context.subscriptions.push(
    vscode.tasks.registerTaskProvider('distillery', {
      provideTasks: async () => (await taskProvider(services)).provideTasks(),
      resolveTask: async (task) => (await taskProvider(services)).resolveTask(task),
    }),
  );

  // The strictness filter sits in the client; a restart makes the server republish under the new setting.
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((change) => {
      if (change.affectsConfiguration('distillery.diagnostics.strictness')) void languageClient.restart();
    }),
  );
  const serverReady = languageClient.start();
  const activateMs = performance.now() - activateStartedAt;
  const timings = serverReady.then(() => ({
    bundleLoadMs: activateStartedAt - bundleLoadStartedAt,
    activateMs,
    serverReadyMs: performance.now() - activateStartedAt,
  }));
  const panels = {
    deliveredReports: (kind: PanelKind, target: vscode.Uri) => panelManager?.deliveredReports(kind, target),
  };
  return { supervisor: running, languageClient, serverReady, timings, panels };
}

export async function deactivate(): Promise<void> {
  // Children must not outlive the window: kill them now (their runs end as cancelled on disk).
  await supervisor?.dispose();
  supervisor = undefined;
}

function registerCommands(context: vscode.ExtensionContext, services: ExtensionServices): void {
  const register = (id: CommandId, handler: (...args: unknown[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  };
  register(COMMANDS.startTraining, async (arg) =>
    (await import('./commands/start-training.js')).startTraining(services, arg),
  );
  register(COMMANDS.stopTraining, async (arg) =>
    (await import('./commands/stop-training.js')).stopTraining(services, arg),
  );
  register(COMMANDS.showComparison, async (arg, runDir) =>
    (await import('./commands/show-comparison.js')).showComparison(services, arg, runDir),
  );
  register(COMMANDS.openRun, async (arg) => (await import('./commands/open-run.js')).openRun(services, arg));
  register(COMMANDS.newConfig, async (arg) => (await import('./wizard/new-config.js')).newConfig(arg));
  register(COMMANDS.restartServer, async () => (await import('./commands/restart-server.js')).restartServer(services));
  register(COMMANDS.showTrainingLog, () => services.trainingOutput.show(true));
  let checker: WorkspaceChecker | undefined;
  register(COMMANDS.checkWorkspace, async () => {
    const created = checker ?? new (await import('./commands/check-workspace.js')).WorkspaceChecker();
    if (!checker) {
      checker = created;
      context.subscriptions.push(created);
    }
    return created.run();
  });
}

function registerPanelRestore(context: vscode.ExtensionContext, services: ExtensionServices): void {
  // The serializer must be registered during activation or VS Code drops panels restored after a reload.
  registerPanelSerializer(context, services.panels());
}

let provider: DistilleryTaskProvider | undefined;
async function taskProvider(services: ExtensionServices): Promise<DistilleryTaskProvider> {
  const created = provider ?? new (await import('./tasks/task-provider.js')).DistilleryTaskProvider(services);
  provider = created;
  return created;
}
