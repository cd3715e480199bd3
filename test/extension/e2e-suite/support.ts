/**
 * Helpers for the suites that run inside the extension host of a real VS Code. Waiting is always on an
 * event or a polled condition with a deadline, never a fixed sleep.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DistilleryApi } from '../../../src/extension/api';

export const EXTENSION_ID = 'distillery.distillery';

export interface E2eOptions {
  readonly mode: 'trusted' | 'restricted' | 'bench';
  readonly artifacts: string;
  readonly repoRoot: string;
  readonly resultsFile: string;
  /** Only tests whose full title matches (DISTILLERY_E2E_GREP). */
  readonly grep?: string;
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the fixture workspace open');
  return folder.uri.fsPath;
}

/** Written by scripts/e2e/run-vscode-tests.ts into the copied workspace. */
export function e2eOptions(): E2eOptions {
  const file = path.join(workspaceRoot(), '.distillery-e2e.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as E2eOptions;
}

export function fixtureUri(name: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), name));
}

export async function activeApi(): Promise<DistilleryApi> {
  const extension = vscode.extensions.getExtension<DistilleryApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  await api.serverReady;
  return api;
}

export async function openConfig(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(name));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Polls `probe` until it returns a value other than undefined, or fails with `what` after the deadline. */
export async function eventually<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Resolves with the URI's diagnostics once `accept` likes them, woken by onDidChangeDiagnostics. */
export function diagnosticsMatching(
  uri: vscode.Uri,
  accept: (d: readonly vscode.Diagnostic[]) => boolean,
  timeoutMs = 30_000,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const current = vscode.languages.getDiagnostics(uri);
      if (!accept(current)) return false;
      cleanup();
      resolve(current);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      const seen =
        vscode.languages
          .getDiagnostics(uri)
          .map((d) => `${codeOf(d)} ${d.message}`)
          .join('; ') || 'none';
      reject(
        new Error(
          `timed out after ${timeoutMs} ms waiting for diagnostics on ${path.basename(uri.fsPath)} (seen: ${seen})`,
        ),
      );
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code ?? '');
}

/**
 * Asks the driver outside the editor (Playwright) for a screenshot of the workbench and waits until the
 * file exists: only the browser can see what the user sees.
 */
export async function screenshot(
  name: string,
  options: { afterWebviewRendered?: boolean; webviewTab?: string } = {},
): Promise<string> {
  const { artifacts } = e2eOptions();
  const file = path.join(artifacts, `${name}.png`);
  fs.rmSync(file, { force: true });
  fs.mkdirSync(path.join(artifacts, 'requests'), { recursive: true });
  const request = options.webviewTab ? `webview:${options.webviewTab}` : options.afterWebviewRendered ? 'webview' : '';
  fs.writeFileSync(path.join(artifacts, 'requests', name), request);
  await eventually(
    `screenshot ${name}.png`,
    () => (fs.existsSync(file) && fs.statSync(file).size > 0 ? true : undefined),
    90_000,
  );
  return file;
}

export function webviewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('distillery.panel'));
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

let textRequests = 0;

/** The rendered text of the Distillery panel titled `title...`, read by the driver outside the editor (Playwright). */
export async function panelText(title: string): Promise<string> {
  const { artifacts } = e2eOptions();
  const name = `text-${process.pid}-${++textRequests}`;
  const answer = path.join(artifacts, `${name}.text.json`);
  fs.mkdirSync(path.join(artifacts, 'requests'), { recursive: true });
  fs.writeFileSync(path.join(artifacts, 'requests', name), `text:${title}`);
  const read = await eventually(
    `the text of the panel "${title}"`,
    () =>
      fs.existsSync(answer)
        ? (JSON.parse(fs.readFileSync(answer, 'utf8')) as { text?: string; error?: string })
        : undefined,
    90_000,
  );
  fs.rmSync(answer, { force: true });
  if (read.text === undefined) throw new Error(read.error ?? `the driver read no text from the panel "${title}"`);
  return read.text;
}

/**
 * Waits until the panel titled `title...` shows what `accept` looks for (what a user sees, not what the host sent),
 * or fails with `what` and the text it showed last.
 */
export async function panelShowing(
  title: string,
  what: string,
  accept: (text: string) => boolean,
  timeoutMs = 60_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      last = await panelText(title);
      if (accept(last)) return last;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for the panel "${title}" to show ${what}; it showed:\n${last}`,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
}
