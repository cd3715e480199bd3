import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { buildTrainerLaunch } from '../../../src/extension/training/trainer-launch';

const base = {
  extensionPath: '/ext',
  configPath: '/ws/configs/mnist.distill.yaml',
  runDir: '/ws/runs/r1',
  backend: 'wasm' as const,
  hostExecutable: '/opt/code/code',
  baseEnv: { PATH: '/usr/bin', NODE_OPTIONS: '--inspect', ELECTRON_RUN_AS_NODE: '1' },
};

void test('uses the editor runtime as plain Node when no Node path is set', () => {
  const launch = buildTrainerLaunch({ ...base, nodePath: '' });
  assert.equal(launch.command, '/opt/code/code');
  assert.equal(launch.env.ELECTRON_RUN_AS_NODE, '1');
  assert.deepEqual(launch.args, [
    path.join('/ext', 'dist', 'trainer.js'),
    base.configPath,
    '--run-dir',
    base.runDir,
    '--json',
  ]);
  assert.equal(launch.cwd, '/ws/configs');
});

void test("uses the configured Node without Electron's switch, and passes the backend and seed", () => {
  const launch = buildTrainerLaunch({ ...base, nodePath: '/usr/local/bin/node', seed: 7 });
  assert.equal(launch.command, '/usr/local/bin/node');
  assert.equal(launch.env.ELECTRON_RUN_AS_NODE, undefined);
  assert.equal(launch.env.DISTILLERY_BACKEND, 'wasm');
  assert.deepEqual(launch.args.slice(-2), ['--seed', '7']);
});

void test("never leaks the extension host's NODE_OPTIONS (inspector flags) into the trainer", () => {
  assert.equal(buildTrainerLaunch({ ...base, nodePath: '' }).env.NODE_OPTIONS, undefined);
  assert.equal(base.baseEnv.NODE_OPTIONS, '--inspect', "the caller's environment object is left alone");
});
