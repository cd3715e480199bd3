/**
 * The status-bar item that follows training: spinning while any run is active (click: the config's panel),
 * then the last result or failure (click: the log), until the next run starts.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeRunProgress } from '../../core/format/run-event-text';
import type { RunEvent } from '../../core/protocol/run-events';
import type { TrainingRun } from './training-run';
import type { TrainingSupervisor } from './supervisor';
import { COMMANDS } from '../../core/protocol/commands';

export class TrainingStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('distillery.training', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: { dispose(): void }[] = [];

  constructor(private readonly supervisor: TrainingSupervisor) {
    this.item.name = 'Distillery Training';
    this.subscriptions.push(supervisor.onEvent(({ run, event }) => this.update(run, event)));
  }

  private update(run: TrainingRun, event: RunEvent): void {
    const name = path.basename(run.configPath);
    const others = this.supervisor.activeRuns.filter((r) => r !== run).length;
    const suffix = others > 0 ? ` (+${others})` : '';
    switch (event.type) {
      case 'done':
        this.show(
          `$(check) ${event.summary}`,
          `${name}: finished. ${event.summary}\nRun: ${run.runDir}`,
          COMMANDS.showComparison,
          run,
        );
        return;
      case 'failed':
        this.show(
          `$(error) Distillery: ${name} failed`,
          `${event.error}${event.hint ? `\n${event.hint}` : ''}`,
          COMMANDS.showTrainingLog,
          run,
          new vscode.ThemeColor('statusBarItem.errorBackground'),
        );
        return;
      case 'cancelled':
        this.show(`$(circle-slash) Distillery: ${name} cancelled`, event.reason, COMMANDS.showTrainingLog, run);
        return;
      default: {
        const progress = describeRunProgress(event);
        if (progress === undefined) return;
        this.show(
          `$(sync~spin) Distillery: ${progress}${suffix}`,
          `Training ${name}\n${progress}\nClick to open the panel.`,
          COMMANDS.showComparison,
          run,
        );
      }
    }
  }

  private show(text: string, tooltip: string, command: string, run: TrainingRun, background?: vscode.ThemeColor): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.command = { title: 'Open', command, arguments: [vscode.Uri.file(run.configPath)] };
    this.item.backgroundColor = background;
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
