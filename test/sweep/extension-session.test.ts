/**
 * The extension's side of a sweep without an editor: the command line it builds from the settings, and a
 * SweepSession driving the real bundled CLI (events parsed from its --json output, cancel via SIGTERM).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import type { SweepEvent, SweepIndex } from '../../src/core/protocol/sweep';
import { buildSweepLaunch } from '../../src/extension/sweep/sweep-launch';
import { SweepSession } from '../../src/extension/sweep/sweep-session';
import { tinyConfig } from './fixtures/configs';

const ROOT = path.resolve(__dirname, '..', '..');

void test('the launch follows the settings: executor, parallelism, Slurm resources and the Node for the nodes', () => {
  const base = {
    extensionPath: '/ext',
    configPath: '/w/c.distill.yaml',
    hostExecutable: '/opt/code/code',
    baseEnv: { PATH: '/bin', NODE_OPTIONS: '--inspect' },
  };
  const local = buildSweepLaunch({
    ...base,
    nodePath: '',
    settings: { executor: 'local', parallel: 3, slurm: { time: '10' } },
  });
  assert.equal(local.command, '/opt/code/code');
  assert.deepEqual(local.args, [
    '/ext/dist/cli.js',
    'sweep',
    '/w/c.distill.yaml',
    '--json',
    '--executor',
    'local',
    '--parallel',
    '3',
  ]);
  assert.equal(local.env.ELECTRON_RUN_AS_NODE, '1');
  assert.equal(local.env.NODE_OPTIONS, undefined, "the editor's debug flags do not leak into the sweep");
  assert.equal(local.cwd, '/w');
  const cluster = buildSweepLaunch({
    ...base,
    nodePath: '',
    executor: 'slurm',
    retry: 'trial-002',
    settings: { executor: 'local', parallel: 0, slurm: { partition: 'gpu', time: '30', cpus: 2, mem: '4G' } },
  });
  assert.deepEqual(cluster.args.slice(3), [
    '--json',
    '--executor',
    'slurm',
    '--retry',
    'trial-002',
    '--partition',
    'gpu',
    '--time',
    '30',
    '--cpus',
    '2',
    '--mem',
    '4G',
    '--node',
    'node',
  ]);
  const ownNode = buildSweepLaunch({
    ...base,
    nodePath: '/usr/local/bin/node',
    settings: { executor: 'slurm', parallel: 0, slurm: {} },
  });
  assert.equal(ownNode.command, '/usr/local/bin/node');
  assert.deepEqual(ownNode.args.slice(-2), ['--node', '/usr/local/bin/node']);
  assert.equal(ownNode.env.ELECTRON_RUN_AS_NODE, undefined);
});

/** A session of the built CLI sweeping `config` locally with this process's Node, `parallel` trials at once. */
function localSession(config: string, parallel: number): SweepSession {
  return new SweepSession(
    buildSweepLaunch({
      extensionPath: ROOT,
      configPath: config,
      nodePath: process.execPath,
      hostExecutable: process.execPath,
      baseEnv: process.env,
      settings: { executor: 'local', parallel, slurm: {} },
    }),
  );
}

void test('a session runs the real CLI, reports its events, and cancels it with SIGTERM (twice)', async () => {
  assert.ok(
    fs.existsSync(path.join(ROOT, 'dist', 'cli.js')) && fs.existsSync(path.join(ROOT, 'dist', 'trainer.js')),
    'run `npm run build` first',
  );
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'distillery-session-'));
  const config = path.join(work, 'long.distill.yaml');
  fs.writeFileSync(
    config,
    tinyConfig({ epochs: 3000, sweep: '  parameters:\n    - { path: distillation.temperature, values: [2, 4, 8] }' }),
  );
  const session = localSession(config, 1);
  const events: SweepEvent[] = [];
  let cancels = 0;
  session.onEvent((event) => {
    events.push(event);
    // Cancel once a trial is really training; cancel again on the next event the CLI sends (it is still winding
    // down then): a user clicking Cancel twice must not kill the CLI before it writes its end event.
    if (cancels === 0 && event.type === 'trial-progress' && /epoch/.test(event.message)) {
      session.cancel();
      cancels = 1;
    } else if (cancels === 1) {
      session.cancel();
      cancels = 2;
    }
  });
  const result = await session.finished;
  assert.equal(cancels, 2, 'the CLI sent an event after the first SIGTERM, so it got a second one');
  assert.equal(result.exitCode, 130, `stderr: ${result.stderr}`);
  assert.equal(events[0]?.type, 'sweep-start');
  assert.equal(session.directory, path.join(work, 'runs', 'long-sweep'));
  assert.equal(result.end?.status, 'cancelled');
  assert.deepEqual(result.end?.counts, { pending: 0, running: 0, done: 0, failed: 0, cancelled: 3 });
  const index = JSON.parse(fs.readFileSync(path.join(session.directory!, 'sweep.json'), 'utf8')) as SweepIndex;
  assert.equal(index.status, 'cancelled');
  const report = JSON.parse(fs.readFileSync(path.join(session.directory!, 'trial-000', 'report.json'), 'utf8')) as {
    status: string;
  };
  assert.equal(report.status, 'cancelled', 'the trial that was running ends cancelled on disk');
});

void test('a session whose CLI cannot run reports the reason from stderr', async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'distillery-session-'));
  const config = path.join(work, 'none.distill.yaml');
  fs.writeFileSync(config, tinyConfig());
  const session = localSession(config, 0);
  const result = await session.finished;
  assert.equal(result.exitCode, 1);
  assert.equal(result.end, undefined);
  assert.match(result.stderr, /has no `sweep` section/);
});
