/**
 * Drives the BUILT language server (dist/server.js) over stdio with a real JSON-RPC client, the way an
 * editor does: initialize, open/change/close documents, await published diagnostics, send requests.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  type Diagnostic,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  type InitializeResult,
  type Position,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  RegistrationRequest,
  type RegistrationParams,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  CodeLensRefreshRequest,
} from 'vscode-languageserver-protocol/node';

export const SERVER_BUNDLE = path.resolve(__dirname, '../../dist/server.js');

export interface HarnessOptions {
  readonly snippets?: boolean;
  readonly dynamicWatch?: boolean;
  readonly diagnosticsDelayMs?: number;
  /** The `distillery.runsFolder` setting passed in initializationOptions. */
  readonly runsFolder?: string;
  /** Absolute paths of the workspace folders announced in initialize. */
  readonly workspaceFolders?: readonly string[];
  /** Another copy of the server bundle (default: dist/server.js). */
  readonly bundle?: string;
}

type Waiter = {
  readonly uri: string;
  readonly accept: (p: PublishDiagnosticsParams) => boolean;
  readonly resolve: (p: PublishDiagnosticsParams) => void;
};

/** Splits `key: va|lue` into the text without the marker and the marker's position. */
export function withCursor(marked: string): { text: string; position: Position } {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error('test text has no | cursor marker');
  const before = marked.slice(0, offset);
  const line = before.split('\n').length - 1;
  return {
    text: marked.slice(0, offset) + marked.slice(offset + 1),
    position: { line, character: offset - (before.lastIndexOf('\n') + 1) },
  };
}

export const fileUri = (file: string): string => pathToFileURL(file).href;

export class LspHarness {
  readonly connection: ProtocolConnection;
  readonly registrations: RegistrationParams[] = [];
  readonly logs: string[] = [];
  private lensRefreshWaiters: (() => void)[] = [];
  private readonly waiters: Waiter[] = [];
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private readonly versions = new Map<string, number>();
  private exited: Promise<number | null>;

  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    this.connection = createProtocolConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.latest.set(params.uri, params);
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && waiter.accept(params)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
    });
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(params);
    });
    this.connection.onRequest(CodeLensRefreshRequest.type, () => {
      for (const resolve of this.lensRefreshWaiters.splice(0)) resolve();
    });
    this.connection.listen();
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  static async start(options: HarnessOptions = {}): Promise<LspHarness> {
    const bundle = options.bundle ?? SERVER_BUNDLE;
    if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` before the server tests.`);
    const child = spawn(process.execPath, [bundle, '--stdio'], { stdio: 'pipe' });
    const harness = new LspHarness(child);
    const result: InitializeResult = await harness.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders:
        options.workspaceFolders?.map((folder) => ({ uri: fileUri(folder), name: path.basename(folder) })) ?? null,
      capabilities: {
        textDocument: { completion: { completionItem: { snippetSupport: options.snippets ?? true } } },
        workspace: {
          didChangeWatchedFiles: { dynamicRegistration: options.dynamicWatch ?? false },
          codeLens: { refreshSupport: true },
        },
      },
      initializationOptions: {
        diagnosticsDelayMs: options.diagnosticsDelayMs ?? 20,
        ...(options.runsFolder !== undefined ? { runsFolder: options.runsFolder } : {}),
      },
    });
    if (!result.capabilities.completionProvider) throw new Error('server did not announce completion');
    await harness.connection.sendNotification(InitializedNotification.type, {});
    return harness;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Resolves with the next diagnostics for `uri` that `accept` takes (by default: any for the newest version sent). */
  nextDiagnostics(
    uri: string,
    accept?: (p: PublishDiagnosticsParams) => boolean,
    timeoutMs = 15000,
  ): Promise<PublishDiagnosticsParams> {
    const version = this.versions.get(uri);
    const test = accept ?? ((p: PublishDiagnosticsParams): boolean => p.version === undefined || p.version === version);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({
        uri,
        accept: test,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
  }

  /** Resolves when the server next asks the client to refresh its code lenses. */
  nextLensRefresh(timeoutMs = 15000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no code lens refresh within ${timeoutMs} ms`)), timeoutMs);
      this.lensRefreshWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async open(uri: string, text: string): Promise<Diagnostic[]> {
    this.versions.set(uri, 1);
    const published = this.nextDiagnostics(uri);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'distill', version: 1, text },
    });
    return (await published).diagnostics;
  }

  /** Replaces the whole text (a full-content change) without waiting for diagnostics. */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return version;
  }

  async changeAndWait(uri: string, text: string): Promise<Diagnostic[]> {
    const published = this.nextDiagnostics(uri, (p) => p.version === this.versions.get(uri));
    await this.change(uri, text);
    return (await published).diagnostics;
  }

  async close(uri: string): Promise<Diagnostic[]> {
    const published = this.nextDiagnostics(uri, () => true);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    return (await published).diagnostics;
  }

  async stop(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  /** For `after()` hooks: ends the server even if a test failed half-way. */
  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
    this.connection.dispose();
  }
}
