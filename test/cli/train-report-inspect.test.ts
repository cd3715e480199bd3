/** `distillery train`, `report` and `inspect` as a user runs them: exit codes and output. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { type CliResult, REPO, runCliFromSource } from './cli-from-source';

const IRIS = path.join(REPO, 'test/trainer/fixtures/iris-fast.distill.yaml');

const cli = (...args: string[]): CliResult => runCliFromSource(args, 300_000);

const temp = (name: string): string => fs.mkdtempSync(path.join(os.tmpdir(), `distillery-cli-${name}-`));

void test('train --json prints only events and exits 0; report and inspect read the run', () => {
  const runDir = path.join(temp('json'), 'run');
  const train = cli('train', IRIS, '--run-dir', runDir, '--json', '--seed', '4');
  assert.equal(train.code, 0, train.stderr);
  const events = train.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { type: string });
  assert.equal(events[0]!.type, 'start');
  assert.equal(events[events.length - 1]!.type, 'done');

  const report = cli('report', runDir);
  assert.equal(report.code, 0, report.stderr);
  assert.match(report.stdout, /run run: done/);
  assert.match(report.stdout, /^student\s+\d+\.\d+%/m);
  assert.match(report.stdout, /^quantized \(int8\)/m);
  assert.match(report.stdout, /distillation gain \(student - baseline\): [+−]\d+\.\d+ ± \d+\.\d+ pt over 2 seeds: /);
  const json = cli('report', runDir, '--format', 'json');
  assert.equal((JSON.parse(json.stdout) as { status: string }).status, 'done');
  assert.match(cli('report', runDir, '--format', 'markdown').stdout, /^# Distillery run run/);

  const inspect = cli('inspect', path.join(runDir, 'student', 'model.json'));
  assert.equal(inspect.code, 0, inspect.stderr);
  assert.match(inspect.stdout, /^hidden\s+Dense\s+\[batch, 8\]\s+40$/m);
  assert.match(inspect.stdout, /total: 67 parameters/);
  const inspectJson = JSON.parse(
    cli('inspect', path.join(runDir, 'teacher', 'model.json'), '--format', 'json').stdout,
  ) as { params: number; layers: { name: string }[] };
  assert.equal(inspectJson.params, 4 * 32 + 32 + 32 * 3 + 3);
  assert.deepEqual(
    inspectJson.layers.map((l) => l.name),
    ['teacher_hidden', 'teacher_logits'],
  );
});

void test('train in text mode prints progress lines and the comparison table', () => {
  const runDir = path.join(temp('text'), 'run');
  const train = cli('train', IRIS, '--run-dir', runDir);
  assert.equal(train.code, 0, train.stderr);
  assert.match(train.stdout, /== Training the teacher\./);
  assert.match(train.stdout, /^model\s+accuracy\s+agreement/m);
  assert.match(train.stdout, /^teacher\s+\d+\.\d+%/m);
  assert.match(train.stdout, /done: student \d+\.\d+% \/ teacher/);
});

void test('train refuses a config with errors (exit 1, errors listed); bad command lines exit 2', () => {
  const dir = temp('bad');
  const config = path.join(dir, 'broken.distill.yaml');
  fs.writeFileSync(
    config,
    'version: 1\ndata:\n  source: mnist\nteacher:\n  layers: [ { dense: { units: 10 } } ]\nstudent:\n  layers: [ { dense: { units: 10 } } ]\ndistillation:\n  temperature: -2\n',
  );
  const refused = cli('train', config, '--run-dir', path.join(dir, 'run'));
  assert.equal(refused.code, 1);
  assert.match(refused.stdout, /FAILED: The config has 1 error\(s\):\n.*broken\.distill\.yaml:9:\d+: range:/);
  assert.equal(
    (JSON.parse(fs.readFileSync(path.join(dir, 'run', 'report.json'), 'utf8')) as { status: string }).status,
    'failed',
  );
  assert.equal(cli('report', path.join(dir, 'run')).code, 1, 'report of a failed run exits 1');
  assert.equal(cli('train').code, 2);
  assert.equal(cli('train', config, '--seed', 'x').code, 2);
  assert.equal(cli('train', config, '--resume').code, 2, '--resume needs --run-dir');
  assert.equal(cli('report').code, 2);
  const missing = cli('report', path.join(dir, 'nowhere'));
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /report\.json not found/);
  const notModel = cli('inspect', config);
  assert.equal(notModel.code, 1);
  assert.match(notModel.stderr, /not valid JSON/);
  assert.equal(cli('inspect').code, 2);
});
