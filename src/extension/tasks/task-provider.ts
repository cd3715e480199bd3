/**
 * The `distillery` task type: `{ "type": "distillery", "config": "mnist.distill.yaml" }` in tasks.json trains
 * through the same supervisor as the command (one run per config, panel updates), echoing progress into the
 * task's terminal and ending with the trainer's exit status.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeRunEvent } from '../../core/format/run-event-text';
import type { RunEvent } from '../../core/protocol/run-events';
import { startTraining } from '../commands/start-training';
import { findWorkspaceConfigs } from '../config-target';
import type { ExtensionServices } from '../services';

export const TASK_TYPE = 'distillery';

interface DistilleryTaskDefinition extends vscode.TaskDefinition {
  readonly type: typeof TASK_TYPE;
  readonly config: string;
  readonly seed?: number;
  readonly runDir?: string;
}

function isDefinition(value: vscode.TaskDefinition): value is DistilleryTaskDefinition {
  return value.type === TASK_TYPE && typeof value.config === 'string';
}

/** A terminal that shows one training run and closes with 0 (done) or 1 (failed/cancelled). */
class TrainingTerminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  private stopRun: (() => void) | undefined;
  private subscription: { dispose(): void } | undefined;

  constructor(
    private readonly services: ExtensionServices,
    private readonly configPath: string,
    private readonly definition: DistilleryTaskDefinition,
  ) {}

  open(): void {
    void this.run();
  }

  close(): void {
    this.stopRun?.();
  }

  private line(text: string): void {
    this.writeEmitter.fire(`${text}\r\n`);
  }

  private async run(): Promise<void> {
    this.line(`Training ${this.configPath}`);
    const started = await startTraining(this.services, vscode.Uri.file(this.configPath), {
      silent: true,
      ...(this.definition.seed !== undefined ? { seed: this.definition.seed } : {}),
      ...(this.definition.runDir !== undefined
        ? { runDir: path.resolve(path.dirname(this.configPath), this.definition.runDir) }
        : {}),
    });
    if (!started) {
      this.line('Not started (see the notification).');
      this.closeEmitter.fire(1);
      return;
    }
    this.line(`Run directory: ${started.runDir}`);
    this.stopRun = () => started.run.stop('the task was terminated');
    const show = (event: RunEvent): void => {
      this.line(describeRunEvent(event));
    };
    for (const event of started.run.events) show(event);
    this.subscription = this.services.supervisor.onEvent(({ run, event }) => {
      if (run === started.run) show(event);
    });
    const outcome = await started.run.finished;
    this.subscription.dispose();
    this.closeEmitter.fire(outcome.type === 'done' ? 0 : 1);
  }
}

export class DistilleryTaskProvider implements vscode.TaskProvider {
  constructor(private readonly services: ExtensionServices) {}

  async provideTasks(): Promise<vscode.Task[]> {
    const configs = await findWorkspaceConfigs();
    return configs.map((uri) => {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      const relative = folder ? path.relative(folder.uri.fsPath, uri.fsPath).split(path.sep).join('/') : uri.fsPath;
      return this.toTask({ type: TASK_TYPE, config: relative }, folder ?? vscode.TaskScope.Workspace);
    });
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const definition = task.definition;
    if (!isDefinition(definition)) return undefined;
    return this.toTask(definition, task.scope ?? vscode.TaskScope.Workspace);
  }

  private toTask(definition: DistilleryTaskDefinition, scope: vscode.WorkspaceFolder | vscode.TaskScope): vscode.Task {
    const base =
      typeof scope === 'object' ? scope.uri.fsPath : (vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '');
    const configPath = path.resolve(base, definition.config);
    const task = new vscode.Task(
      definition,
      scope,
      `train ${definition.config}`,
      TASK_TYPE,
      new vscode.CustomExecution(() => Promise.resolve(new TrainingTerminal(this.services, configPath, definition))),
    );
    task.group = vscode.TaskGroup.Build;
    task.detail = 'Distillery: distil, prune and quantize';
    return task;
  }
}
