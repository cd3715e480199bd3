/**
 * What the extension's parts share, created once in `activate`. Commands (and the sweep commands, which
 * register through `registerSweepCommands(context, services)`) receive this instead of reaching for globals.
 */
import type * as vscode from 'vscode';
import type { PanelManager } from './panel/panel-manager';
import type { TrainingSupervisor } from './training/supervisor';
import type { LanguageClientHost } from './language/client-host';

export interface ExtensionServices {
  readonly context: vscode.ExtensionContext;
  /** Every trainer child process; at most one per config. */
  readonly supervisor: TrainingSupervisor;
  /** The panel host, created on first use (the webview code is not loaded until a panel is wanted). */
  panels(): PanelManager;
  readonly languageClient: LanguageClientHost;
  /** stderr of the trainers and the supervisor's own notes. */
  readonly trainingOutput: vscode.OutputChannel;
}
