/**
 * Entry point VS Code loads as `extensionTestsPath`: runs the mocha suites of the requested mode in this
 * extension host and writes a results file next to the screenshots. Bundled by scripts/e2e/run-vscode-tests.ts
 * (mocha stays external and is loaded from the repository's node_modules).
 */
import * as fs from 'node:fs';
import Mocha from 'mocha';
import { defineActivationBenchSuite } from './activation-bench.suite';
import { defineDiagnosticsSuite } from './diagnostics.suite';
import { defineLanguageFeaturesSuite } from './language-features.suite';
import { definePanelSuite } from './panel.suite';
import { defineQuickFixSuite } from './quick-fix.suite';
import { defineRestrictedModeSuite } from './restricted-mode.suite';
import { defineSweepSuite } from './sweep.suite';
import { defineTrainingSuite } from './training.suite';
import { defineWizardSuite } from './wizard.suite';
import { e2eOptions } from './support';

export function run(): Promise<void> {
  const options = e2eOptions();
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 60_000,
    reporter: 'spec',
    ...(options.grep ? { grep: options.grep } : {}),
  });
  // The suites are bundled into this file, not loaded by path: give mocha's BDD globals to them directly.
  mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_PRE_REQUIRE, globalThis, 'e2e-suite', mocha);
  if (options.mode === 'restricted') {
    defineRestrictedModeSuite();
  } else if (options.mode === 'bench') {
    defineActivationBenchSuite();
  } else {
    defineDiagnosticsSuite();
    defineLanguageFeaturesSuite();
    defineQuickFixSuite();
    definePanelSuite();
    defineTrainingSuite();
    defineWizardSuite();
    defineSweepSuite();
  }
  const passes: string[] = [];
  const pending: string[] = [];
  const failures: { title: string; error: string }[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failed) => {
      fs.writeFileSync(options.resultsFile, JSON.stringify({ passes, failures, pending }, null, 2));
      if (failed > 0) reject(new Error(`${failed} extension test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => passes.push(test.fullTitle()));
    runner.on('pending', (test) => pending.push(test.fullTitle()));
    runner.on('fail', (test, error: unknown) =>
      failures.push({
        title: test.fullTitle(),
        error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error),
      }),
    );
  });
}
