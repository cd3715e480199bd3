import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { configBaseName, runStamp } from '../../../src/core/runs/run-id';
import { containingFolder, runsRoot } from '../../../src/core/runs/runs-root';
import { newRunDir } from '../../../src/extension/training/run-location';

// Run ids are stamped in UTC everywhere (core/runs/run-id.ts); this was local time before runs had one home.
const now = new Date(Date.UTC(2026, 10, 27, 9, 5, 3));

void test('names runs after the config and a sortable UTC time stamp', () => {
  assert.equal(configBaseName('/a/mnist.distill.yaml'), 'mnist');
  assert.equal(configBaseName('/a/x.distill.yml'), 'x');
  assert.equal(runStamp(now), '20261127-090503');
});

void test("puts runs in the config's output folder unless the runs-folder setting says otherwise", () => {
  assert.equal(
    runsRoot({ configPath: '/ws/cfg/a.distill.yaml', configOutput: '../runs', runsFolderSetting: '' }),
    path.resolve('/ws/runs'),
  );
  assert.equal(
    runsRoot({
      configPath: '/ws/cfg/a.distill.yaml',
      configOutput: 'runs',
      runsFolderSetting: 'out/runs',
      workspaceFolderPath: '/ws',
    }),
    path.resolve('/ws/out/runs'),
  );
  assert.equal(
    runsRoot({ configPath: '/ws/cfg/a.distill.yaml', configOutput: '', runsFolderSetting: '' }),
    path.resolve('/ws/cfg/runs'),
  );
});

void test('adds a counter when a run folder of that second already exists', () => {
  const taken = new Set([path.resolve('/ws/runs/a-20261127-090503'), path.resolve('/ws/runs/a-20261127-090503-2')]);
  const dir = newRunDir({ configPath: '/ws/a.distill.yaml', configOutput: 'runs', runsFolderSetting: '', now }, (d) =>
    taken.has(d),
  );
  assert.equal(dir, path.resolve('/ws/runs/a-20261127-090503-3'));
});

void test('the runs-folder setting is relative to the innermost workspace folder holding the config', () => {
  const folders = [path.resolve('/ws'), path.resolve('/ws/nested'), path.resolve('/other')];
  assert.equal(containingFolder(folders, path.resolve('/ws/nested/cfg/a.distill.yaml')), path.resolve('/ws/nested'));
  assert.equal(containingFolder(folders, path.resolve('/ws/a.distill.yaml')), path.resolve('/ws'));
  assert.equal(containingFolder(folders, path.resolve('/wsx/a.distill.yaml')), undefined);
  assert.equal(containingFolder([], path.resolve('/ws/a.distill.yaml')), undefined);
});
