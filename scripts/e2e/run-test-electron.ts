/**
 * The same mocha suites in desktop VS Code, through @vscode/test-electron, for machines that can download VS
 * Code from update.code.visualstudio.com (a developer's laptop, a CI runner with internet). NOT runnable on
 * the offline build machines of this project: there scripts/e2e/run-vscode-tests.ts (code-server from the npm
 * registry + Chromium) is what `npm test` uses.
 *
 * Usage: node --import tsx scripts/e2e/run-test-electron.ts [--restricted]
 * (Linux without a display: run under `xvfb-run -a`.)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { REPO_ROOT } from './code-server';
import { ARTIFACTS, buildBundles, prepareWorkspace, SUITE_BUNDLE, type SuiteMode } from './run-vscode-tests';

async function main(): Promise<number> {
  const mode: SuiteMode = process.argv.includes('--restricted') ? 'restricted' : 'trusted';
  buildBundles();
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), `distillery-electron-${mode}-`));
  const workspace = prepareWorkspace(temp, mode);
  // Screenshots need a browser driver; desktop VS Code has none here, so answer the suites' requests with a
  // placeholder note instead of leaving them waiting.
  const requests = path.join(ARTIFACTS, 'requests');
  const answer = setInterval(() => {
    for (const name of fs.existsSync(requests) ? fs.readdirSync(requests) : []) {
      fs.writeFileSync(
        path.join(ARTIFACTS, `${name}.text.json`),
        JSON.stringify({ error: 'no browser driver under @vscode/test-electron: the panel text cannot be read' }),
      );
      fs.writeFileSync(path.join(ARTIFACTS, `${name}.png`), '');
      fs.writeFileSync(path.join(ARTIFACTS, `${name}.note.txt`), 'no screenshot under @vscode/test-electron');
      fs.rmSync(path.join(requests, name), { force: true });
    }
  }, 200);
  try {
    return await runTests({
      version: '1.100.3',
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: SUITE_BUNDLE,
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--skip-welcome',
        '--skip-release-notes',
        ...(mode === 'trusted' ? ['--disable-workspace-trust'] : []),
        `--user-data-dir=${path.join(temp, 'ud')}`,
      ],
    });
  } finally {
    clearInterval(answer);
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
