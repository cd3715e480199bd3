/**
 * Runs the extension's mocha suites inside a real VS Code (code-server) driven by headless Debian Chromium:
 * builds the extension and the suite bundle, copies the fixture workspace to a temp folder, opens it with
 * the extension loaded from source (extensionDevelopmentPath) and the suites as extensionTestsPath, and
 * resolves with the exit code the workbench reports through window.codeAutomationExit.
 *
 * While the suites run they can ask for a screenshot by writing `<artifacts>/requests/<name>`; this driver
 * answers by saving `<artifacts>/<name>.png` (only Playwright, outside the editor, can see the workbench).
 *
 * Usage: node --import tsx scripts/e2e/run-vscode-tests.ts [--restricted]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS, requireChromium } from './headless-chromium';
import { REPO_ROOT, isCodeServerInstalled, startCodeServer, tail, type RunningCodeServer } from './code-server';

export const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts', 'extension');
const SUITE_ENTRY = path.join(REPO_ROOT, 'test', 'extension', 'e2e-suite', 'index.ts');
export const SUITE_BUNDLE = path.join(REPO_ROOT, 'out', 'e2e-suite', 'index.js');
const FIXTURE_WORKSPACE = path.join(REPO_ROOT, 'test', 'extension', 'fixtures', 'workspace');

/**
 * Which suites: `trusted` (everything but trust), `restricted` (Restricted Mode only, Workspace Trust on), or
 * `bench` (activation timings for bench/extension.bench.ts).
 */
export type SuiteMode = 'trusted' | 'restricted' | 'bench';

export interface VsCodeRunResult {
  readonly exitCode: number;
  /** Everything the workbench logged through codeAutomationLog (mocha's reporter output among it). */
  readonly log: string;
  readonly results?: SuiteResults;
}

/** Written by the suite index inside the extension host (see test/extension/e2e-suite/index.ts). */
export interface SuiteResults {
  readonly passes: readonly string[];
  readonly failures: readonly { readonly title: string; readonly error: string }[];
  readonly pending: readonly string[];
}

/** Settings every instance gets: no welcome page, no tips, no network chatter. */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'always',
  // The driver's hand-off file is not part of what the screenshots should show.
  'files.exclude': { '.distillery-e2e.json': true },
};

export function ensureCodeServer(): void {
  if (isCodeServerInstalled()) return;
  const script = path.join(REPO_ROOT, 'scripts', 'e2e', 'install-code-server.sh');
  const result = spawnSync('bash', [script], { stdio: 'inherit' });
  if (result.status !== 0 || !isCodeServerInstalled()) {
    throw new Error(`Installing code-server failed (exit ${result.status}); run ${script} by hand to see why.`);
  }
}

export function buildBundles(): void {
  const build = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs')], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  for (const required of ['dist/extension.js', 'dist/server.js']) {
    if (!fs.existsSync(path.join(REPO_ROOT, required)))
      throw new Error(`${required} was not built: its entry point is missing.`);
  }
  esbuild.buildSync({
    entryPoints: [SUITE_ENTRY],
    outfile: SUITE_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
}

/** A fresh copy of the fixture workspace: runs write into it, and the checked-in fixtures must stay clean. */
export function prepareWorkspace(into: string, mode: SuiteMode): string {
  const workspace = path.join(into, 'workspace');
  fs.cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
  fs.mkdirSync(path.join(ARTIFACTS, 'requests'), { recursive: true });
  fs.writeFileSync(
    path.join(workspace, '.distillery-e2e.json'),
    JSON.stringify(
      {
        mode,
        artifacts: ARTIFACTS,
        repoRoot: REPO_ROOT,
        resultsFile: path.join(ARTIFACTS, `results-${mode}.json`),
        // DISTILLERY_E2E_GREP=pattern runs only the matching tests (for debugging one suite).
        ...(process.env.DISTILLERY_E2E_GREP ? { grep: process.env.DISTILLERY_E2E_GREP } : {}),
      },
      null,
      2,
    ),
  );
  return workspace;
}

/**
 * Waits until the Distillery panel has drawn its first view: the webview lives two frames down (VS Code's
 * host iframe -> the content frame), and the panel replaces its "Loading" placeholder once the host's first
 * message arrives. Then, when `tab` is given, selects that tab of the panel the way a user would (a click).
 */
async function showWebview(page: Page, timeoutMs: number, tab?: string): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const ready = await frame
        .evaluate(
          () =>
            document.readyState === 'complete' &&
            document.querySelector('#app') !== null &&
            document.querySelector('#app .loading') === null &&
            (document.body?.innerText.trim().length ?? 0) > 0,
        )
        .catch(() => false);
      if (!ready) continue;
      if (tab !== undefined) {
        const button = frame.getByRole('tab', { name: new RegExp(`^${tab}`) });
        await button.click({ timeout: 5000 });
        await frame.waitForFunction(
          (name) => document.querySelector(`[role=tab][aria-selected=true]`)?.textContent?.startsWith(name) === true,
          tab,
          { timeout: 5000 },
        );
      }
      // Two animation frames: the view the click selected has been laid out and painted.
      await frame.evaluate(
        () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
      );
      return undefined;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return `the Distillery panel did not render within ${timeoutMs / 1000} s`;
}

/**
 * What the panel titled `title...` shows a user (its rendered text), once it has replaced its "Loading"
 * placeholder: the suites assert on it before taking a screenshot, so a picture of a blank or stale view fails.
 */
async function webviewText(page: Page, title: string): Promise<{ title?: string; text?: string; error?: string }> {
  const deadline = Date.now() + 30_000;
  const seen = new Set<string>();
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const found = await frame
        .evaluate(() =>
          document.querySelector('#app') !== null && document.querySelector('#app .loading') === null
            ? { title: document.title, text: document.body?.innerText ?? '' }
            : undefined,
        )
        .catch(() => undefined);
      if (!found) continue;
      seen.add(found.title);
      if (found.title.startsWith(title)) return found;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    error: `no rendered Distillery panel titled "${title}..." within 30 s (rendered: ${[...seen].join(', ') || 'none'})`,
  };
}

/**
 * Answers screenshot requests from the suites until stopped. A request file containing `webview` means
 * "after the panel has rendered", `webview:Results` also "with its Results tab selected"; `text:<title>` asks
 * for the rendered text of the panel with that title instead of a picture (written to `<name>.text.json`).
 */
function serveScreenshots(page: Page): { stop(): void } {
  const requests = path.join(ARTIFACTS, 'requests');
  let busy = false;
  const take = async (name: string): Promise<void> => {
    const request = fs.readFileSync(path.join(requests, name), 'utf8');
    if (request.startsWith('text:')) {
      fs.writeFileSync(
        path.join(ARTIFACTS, `${name}.text.json`),
        JSON.stringify(await webviewText(page, request.slice(5))),
      );
      return;
    }
    // `webview` or `webview:<tab>`: wait for the panel (and pick the tab) before taking the picture.
    const [kind, tab] = request.split(':');
    const problem = kind === 'webview' ? await showWebview(page, 60_000, tab) : undefined;
    if (problem) fs.writeFileSync(path.join(ARTIFACTS, `${name}.note.txt`), problem);
    if (process.env.DISTILLERY_E2E_VERBOSE) {
      const frames = await Promise.all(
        page
          .frames()
          .map(
            async (f) =>
              `${f.name()} ${f.url().slice(0, 120)} ${await f.evaluate(() => JSON.stringify({ text: document.body?.innerText.length ?? -1, state: document.readyState, res: performance.getEntriesByType('resource').map((r) => `${r.name.slice(-60)} ${Math.round(r.duration)}`) })).catch(() => -2)}`,
          ),
      );
      fs.writeFileSync(path.join(ARTIFACTS, `${name}.frames.txt`), frames.join('\n'));
    }
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
  };
  const timer = setInterval(() => {
    if (busy) return;
    let names: string[];
    try {
      names = fs.readdirSync(requests);
    } catch {
      return;
    }
    const name = names[0];
    if (name === undefined) return;
    busy = true;
    take(name)
      .catch((error: unknown) => fs.writeFileSync(path.join(ARTIFACTS, `${name}.error.txt`), String(error)))
      .finally(() => {
        fs.rmSync(path.join(requests, name), { force: true });
        busy = false;
      });
  }, 150);
  return { stop: () => clearInterval(timer) };
}

/** On failure, keep code-server's and the extension host's logs (output channels included) for diagnosis. */
function keepLogs(temp: string, mode: SuiteMode): void {
  const target = path.join(ARTIFACTS, `logs-${mode}`);
  fs.rmSync(target, { recursive: true, force: true });
  const logs = path.join(temp, 'code-server', 'ud', 'logs');
  if (fs.existsSync(logs)) fs.cpSync(logs, target, { recursive: true });
  const serverLog = path.join(temp, 'code-server', 'code-server.log');
  if (fs.existsSync(serverLog)) fs.cpSync(serverLog, path.join(target, 'code-server.log'));
}

export async function runVsCodeSuites(mode: SuiteMode, timeoutMs = 8 * 60_000): Promise<VsCodeRunResult> {
  requireChromium();
  ensureCodeServer();
  buildBundles();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const resultsFile = path.join(ARTIFACTS, `results-${mode}.json`);
  fs.rmSync(resultsFile, { force: true });
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), `distillery-e2e-${mode}-`));
  const workspace = prepareWorkspace(temp, mode);
  const lines: string[] = [];
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  let screenshots: { stop(): void } | undefined;
  try {
    server = await startCodeServer({
      stateDir: path.join(temp, 'code-server'),
      disableWorkspaceTrust: mode !== 'restricted',
      // DISTILLERY_E2E_TRACE=1 logs every LSP message in the server's output channel (kept on failure).
      userSettings: process.env.DISTILLERY_E2E_TRACE
        ? { ...QUIET_SETTINGS, 'distillery.trace.server': 'verbose' }
        : QUIET_SETTINGS,
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_FLAGS],
    });
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    let settle: (code: number) => void = () => undefined;
    const exitCode = new Promise<number>((resolve) => {
      settle = resolve;
    });
    await page.exposeFunction('codeAutomationLog', (type: unknown, args: unknown) => {
      // The workbench forwards console calls with their printf-style format string first (mocha's reporter uses %s, %d).
      const text = Array.isArray(args) ? format(...(args as unknown[])) : String(args);
      lines.push(text);
      if (process.env.DISTILLERY_E2E_VERBOSE) process.stdout.write(`[${String(type)}] ${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code: unknown) => settle(typeof code === 'number' ? code : 1));
    screenshots = serveScreenshots(page);
    if (process.env.DISTILLERY_E2E_VERBOSE) {
      const netlog = path.join(ARTIFACTS, `network-${mode}.txt`);
      fs.writeFileSync(netlog, '');
      const note = (line: string): void => fs.appendFileSync(netlog, `${line}\n`);
      page.context().on('request', (r) => {
        if (/resource|webview\.js|panel\.css/.test(r.url())) note(`req ${r.url().slice(0, 200)}`);
      });
      page.context().on('requestfinished', (r) => {
        if (/resource|webview\.js|panel\.css/.test(r.url())) note(`fin ${r.url().slice(0, 200)}`);
      });
      page.context().on('requestfailed', (r) => note(`FAIL ${r.url().slice(0, 200)} ${r.failure()?.errorText ?? ''}`));
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') note(`console ${m.type()} ${m.text().slice(0, 300)}`);
      });
    }
    const remote = (p: string): string => `vscode-remote://127.0.0.1:${server?.port ?? 0}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(REPO_ROOT)],
      ['extensionTestsPath', remote(SUITE_BUNDLE)],
    ]);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((resolve) => {
      timer = setTimeout(() => resolve(-1), timeoutMs);
    });
    const code = await Promise.race([exitCode, timeout]);
    if (timer) clearTimeout(timer);
    if (code === -1) {
      await page.screenshot({ path: path.join(ARTIFACTS, `timeout-${mode}.png`) }).catch(() => undefined);
      lines.push(
        `TIMEOUT: the suites did not finish within ${timeoutMs / 1000} s; code-server log tail:\n${tail(server.logFile)}`,
      );
    }
    const results = fs.existsSync(resultsFile)
      ? (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteResults)
      : undefined;
    if (code !== 0) keepLogs(temp, mode);
    return { exitCode: code, log: lines.join('\n'), ...(results ? { results } : {}) };
  } finally {
    screenshots?.stop();
    await browser?.close().catch(() => undefined);
    await server?.stop();
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

// Run directly: print the log and exit with the suites' code.
if (require.main === module) {
  const mode: SuiteMode = process.argv.includes('--restricted') ? 'restricted' : 'trusted';
  runVsCodeSuites(mode).then(
    (result) => {
      process.stdout.write(`${result.log}\n`);
      process.exit(result.exitCode);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
