/**
 * Starts, restarts and stops the Distillery language server (dist/server.js over stdio). Start-up failures
 * are shown to the user with a way to the log and a retry, never swallowed.
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  DidChangeWatchedFilesNotification,
  ErrorAction,
  FileChangeType,
  LanguageClient,
  State,
  TransportKind,
  type FileEvent,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  CONFIG_ANALYSIS_REQUEST,
  type ConfigAnalysis,
  type ConfigAnalysisParams,
  type ServerInitializationOptions,
} from '../../core/protocol/lsp-messages';
import { readSettings } from '../settings';
import { strictnessMiddleware } from './strictness-middleware';

export const SERVER_CHANNEL_NAME = 'Distillery Language Server';
/** After this many crashes in three minutes the client stops restarting the server and tells the user. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60_000;

export class LanguageClientHost implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<void> | undefined;
  readonly output: vscode.LogOutputChannel;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel(SERVER_CHANNEL_NAME, { log: true });
    context.subscriptions.push(this.output);
  }

  get isRunning(): boolean {
    return this.client?.state === State.Running;
  }

  /** Starts the server; resolves when it is ready or failed (the failure is shown, not thrown). */
  start(): Promise<void> {
    this.starting ??= this.startOnce().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  /**
   * Tells the server that files changed (a run's report.json when a run ends): the file watcher would tell
   * it too, but late or not at all on slow or remote file systems, and the last-run code lens depends on it.
   */
  async notifyFilesChanged(files: readonly vscode.Uri[]): Promise<void> {
    const client = this.client;
    if (!client || client.state !== State.Running || files.length === 0) return;
    await client
      .sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: files.map((uri): FileEvent => ({
          uri: client.code2ProtocolConverter.asUri(uri),
          type: FileChangeType.Changed,
        })),
      })
      .catch((error: unknown) =>
        this.output.appendLine(`could not notify the server of changed files: ${String(error)}`),
      );
  }

  /**
   * The server's analysis of an open config's current version (the one the editor's diagnostics come from);
   * undefined when the server is not running or has none, so the caller can say so or analyse itself.
   */
  async configAnalysis(uri: vscode.Uri): Promise<ConfigAnalysis | undefined> {
    const client = this.client;
    if (!client || client.state !== State.Running) return undefined;
    const params: ConfigAnalysisParams = { textDocument: { uri: client.code2ProtocolConverter.asUri(uri) } };
    try {
      return (await client.sendRequest<ConfigAnalysis | null>(CONFIG_ANALYSIS_REQUEST, params)) ?? undefined;
    } catch (error) {
      this.output.appendLine(`the server did not answer the panel's analysis request: ${String(error)}`);
      return undefined;
    }
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client?.needsStop()) {
      try {
        await client.stop(5000);
      } catch (error) {
        this.output.appendLine(`stopping the server failed: ${String(error)}`);
      }
    }
  }

  private async startOnce(): Promise<void> {
    const serverModule = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.stdio },
      debug: {
        module: serverModule,
        transport: TransportKind.stdio,
        options: { execArgv: ['--nolazy', '--inspect=6010'] },
      },
    };
    const crashes: number[] = [];
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ language: 'distill' }, { scheme: 'file', pattern: '**/*.distill.{yaml,yml}' }],
      outputChannel: this.output,
      // The last-run lens looks where Start Training writes; later changes arrive with the synchronized settings.
      initializationOptions: { runsFolder: readSettings().runsFolder } satisfies ServerInitializationOptions,
      // The server registers its own file watchers (models, data, reports) dynamically; only settings are pushed.
      synchronize: { configurationSection: 'distillery' },
      middleware: strictnessMiddleware(() => readSettings().strictness),
      errorHandler: {
        error: () => ({ action: ErrorAction.Continue }),
        closed: () => {
          const now = Date.now();
          crashes.push(now);
          while (crashes.length > 0 && now - (crashes[0] ?? now) > RESTART_WINDOW_MS) crashes.shift();
          if (crashes.length <= MAX_RESTARTS) return { action: CloseAction.Restart };
          this.reportFailure(`the server crashed ${crashes.length} times in 3 minutes and was not restarted again`);
          return { action: CloseAction.DoNotRestart, handled: true };
        },
      },
    };
    const client = new LanguageClient('distillery', SERVER_CHANNEL_NAME, serverOptions, clientOptions);
    this.client = client;
    try {
      await client.start();
    } catch (error) {
      this.reportFailure(error instanceof Error ? error.message : String(error));
    }
  }

  private reportFailure(reason: string): void {
    this.output.appendLine(`Distillery language server failed: ${reason}`);
    const log = 'Show Log';
    const restart = 'Restart';
    void vscode.window
      .showErrorMessage(`The Distillery language server could not run: ${reason}`, log, restart)
      .then((choice) => {
        if (choice === log) this.output.show(true);
        if (choice === restart) void this.restart();
      });
  }

  dispose(): void {
    void this.stop();
  }
}
