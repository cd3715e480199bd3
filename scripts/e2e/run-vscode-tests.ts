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
import { REPO_ROOT, isCodeServerInstalled, startCodeServer, tail, type RunningCodeServer } from './code-server';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts', 'extension');
const SUITE_ENTRY = path.join(REPO_ROOT, 'test', 'extension', 'e2e-suite', 'index.ts');
const SUITE_BUNDLE = path.join(REPO_ROOT, 'out', 'e2e-suite', 'index.js');
const FIXTURE_WORKSPACE = path.join(REPO_ROOT, 'test', 'extension', 'fixtures', 'workspace');

/** Which half of the suites: `trusted` (everything but trust) or `restricted` (Restricted Mode only). */
export type SuiteMode = 'trusted' | 'restricted';

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
  const build = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  for (const required of ['dist/extension.js', 'dist/server.js']) {
    if (!fs.existsSync(path.join(REPO_ROOT, required))) throw new Error(`${required} was not built: its entry point is missing.`);
  }
  esbuild.buildSync({
    entryPoints: [SUITE_ENTRY], outfile: SUITE_BUNDLE, bundle: true, platform: 'node', format: 'cjs', target: 'node20',
    sourcemap: true, external: ['vscode', 'mocha'], logLevel: 'warning',
  });
}

/** A fresh copy of the fixture workspace: runs write into it, and the checked-in fixtures must stay clean. */
function copyWorkspace(into: string, mode: SuiteMode): string {
  const workspace = path.join(into, 'workspace');
  fs.cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
  fs.mkdirSync(path.join(ARTIFACTS, 'requests'), { recursive: true });
  fs.writeFileSync(path.join(workspace, '.distillery-e2e.json'), JSON.stringify({
    mode, artifacts: ARTIFACTS, repoRoot: REPO_ROOT, resultsFile: path.join(ARTIFACTS, `results-${mode}.json`),
  }, null, 2));
  return workspace;
}

/** Answers screenshot requests from the suites until stopped. */
function serveScreenshots(page: Page): { stop(): void } {
  const requests = path.join(ARTIFACTS, 'requests');
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    let names: string[];
    try { names = fs.readdirSync(requests); } catch { return; }
    const name = names[0];
    if (name === undefined) return;
    busy = true;
    page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) })
      .catch((error: unknown) => fs.writeFileSync(path.join(ARTIFACTS, `${name}.error.txt`), String(error)))
      .finally(() => { fs.rmSync(path.join(requests, name), { force: true }); busy = false; });
  }, 150);
  return { stop: () => clearInterval(timer) };
}

export async function runVsCodeSuites(mode: SuiteMode, timeoutMs = 8 * 60_000): Promise<VsCodeRunResult> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (see .ci/run).`);
  ensureCodeServer();
  buildBundles();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const resultsFile = path.join(ARTIFACTS, `results-${mode}.json`);
  fs.rmSync(resultsFile, { force: true });
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), `distillery-e2e-${mode}-`));
  const workspace = copyWorkspace(temp, mode);
  const lines: string[] = [];
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  let screenshots: { stop(): void } | undefined;
  try {
    server = await startCodeServer({
      stateDir: path.join(temp, 'code-server'),
      disableWorkspaceTrust: mode === 'trusted',
      userSettings: QUIET_SETTINGS,
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    let settle: (code: number) => void = () => undefined;
    const exitCode = new Promise<number>((resolve) => { settle = resolve; });
    await page.exposeFunction('codeAutomationLog', (type: unknown, args: unknown) => {
      // The workbench forwards console calls with their printf-style format string first (mocha's reporter uses %s, %d).
      const text = Array.isArray(args) ? format(...(args as unknown[])) : String(args);
      lines.push(text);
      if (process.env.DISTILLERY_E2E_VERBOSE) process.stdout.write(`[${String(type)}] ${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code: unknown) => settle(typeof code === 'number' ? code : 1));
    screenshots = serveScreenshots(page);
    const remote = (p: string): string => `vscode-remote://127.0.0.1:${server?.port ?? 0}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(REPO_ROOT)],
      ['extensionTestsPath', remote(SUITE_BUNDLE)],
    ]);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((resolve) => { timer = setTimeout(() => resolve(-1), timeoutMs); });
    const code = await Promise.race([exitCode, timeout]);
    if (timer) clearTimeout(timer);
    if (code === -1) {
      await page.screenshot({ path: path.join(ARTIFACTS, `timeout-${mode}.png`) }).catch(() => undefined);
      lines.push(`TIMEOUT: the suites did not finish within ${timeoutMs / 1000} s; code-server log tail:\n${tail(server.logFile)}`);
    }
    const results = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteResults : undefined;
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
  runVsCodeSuites(mode).then((result) => {
    process.stdout.write(`${result.log}\n`);
    process.exit(result.exitCode);
  }, (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  });
}
