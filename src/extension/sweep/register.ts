/** The sweep and cluster commands, registered by `activate` through `registerSweepCommands(context, services)`. */
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import { cancelAllSweeps } from './active-sweeps';
import { COMMANDS } from '../../core/protocol/commands';

export function registerSweepCommands(context: vscode.ExtensionContext, services: ExtensionServices): void {
  context.subscriptions.push(
    // Loaded on first use, like the other commands, so activation stays cheap.
    vscode.commands.registerCommand(COMMANDS.startSweep, async (arg: unknown) =>
      (await import('./start-sweep.js')).startSweep(services, arg),
    ),
    vscode.commands.registerCommand(COMMANDS.runOnCluster, async (arg: unknown) =>
      (await import('./run-on-cluster.js')).runOnCluster(services, arg),
    ),
    { dispose: cancelAllSweeps },
  );
}
