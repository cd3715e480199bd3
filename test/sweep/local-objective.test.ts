/**
 * Local-executor sweeps selecting on metrics that only the trainer's report.json `validation` block carries
 * (agreement, ECE): every trial gets a score, equal to its student's validation-split value, never the test split's.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, test } from 'node:test';
import type { RunReport } from '../../src/core/protocol/report';
import { runSweep } from '../../src/sweep/run-sweep';
import { tinyConfig } from './fixtures/configs';

const TRAINER = path.resolve(__dirname, '..', '..', 'dist', 'trainer.js');
let work: string;

before(() => {
  assert.ok(fs.existsSync(TRAINER), 'dist/trainer.js is missing: run `npm run build`');
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'distillery-sweep-objective-'));
});

for (const metric of ['agreement', 'ece'] as const) {
  void test(`a local sweep on ${metric} scores every trial with the student's validation ${metric}`, async () => {
    const sweep = `  metric: ${metric}\n  seed: 3\n  parameters:\n    - { path: distillation.temperature, values: [1, 4] }`;
    const configFile = path.join(work, `${metric}.distill.yaml`);
    fs.writeFileSync(configFile, tinyConfig({ sweep, epochs: 8 }));
    const sweepDir = path.join(work, `${metric}-sweep`);
    const index = await runSweep(configFile, { executor: 'local', parallel: 2, sweepDir });
    assert.equal(index.status, 'done', index.trials.map((t) => `${t.id}: ${t.error ?? t.status}`).join('; '));
    assert.equal(index.trials.length, 2);
    for (const trial of index.trials) {
      const report = JSON.parse(
        fs.readFileSync(path.join(sweepDir, trial.run_dir, 'report.json'), 'utf8'),
      ) as RunReport;
      const validation = report.student?.validation?.[metric];
      assert.equal(typeof validation, 'number', `${trial.id}: report.json has the student's validation ${metric}`);
      assert.equal(trial.objective, validation, `${trial.id}: the objective is the validation ${metric}`);
      assert.ok(validation! >= 0 && validation! <= 1);
      assert.equal(
        trial.metrics?.[metric],
        report.student!.metrics[metric],
        `${trial.id}: the test-split ${metric} is shown beside it`,
      );
    }
    assert.ok(index.best, 'a best trial is chosen');
    const scores = index.trials.map((t) => t.objective!);
    // Agreement is maximised, ECE minimised (the metric's natural goal).
    assert.equal(index.best.objective, metric === 'agreement' ? Math.max(...scores) : Math.min(...scores));
  });
}
