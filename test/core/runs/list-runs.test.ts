/** core/runs: one listing of run directories with one status vocabulary, and one UTC run-id stamp. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { listRuns, runAt } from '../../../src/core/runs/list-runs';
import { configOutputOf, configRunsRoot } from '../../../src/core/runs/config-runs-root';
import type { RunFileSystem } from '../../../src/core/runs/run-file-system';
import { configBaseName, newRunId, runStamp } from '../../../src/core/runs/run-id';
import { memoryFileSystem } from '../memory-fs';
import { failedReport, validReport } from './report-corpus';

/** The in-memory adapter plus modification times (ms), as the run listing needs them. */
function runFiles(files: Readonly<Record<string, readonly [text: string, modifiedMs: number]>>): RunFileSystem {
  const base = memoryFileSystem(Object.fromEntries(Object.entries(files).map(([p, [text]]) => [p, text])));
  const times = new Map(Object.entries(files).map(([p, [, ms]]) => [path.resolve(p), ms]));
  return { ...base, modifiedMs: (p) => times.get(path.resolve(p)) };
}

const root = path.resolve('/ws/runs');
const at = (ms: number): string => new Date(ms).toISOString();

void describe('listRuns', () => {
  const fs = runFiles({
    [`${root}/done/report.json`]: [JSON.stringify(validReport('/ws/c.distill.yaml', { started: at(5000) })), 9000],
    [`${root}/failed/report.json`]: [JSON.stringify({ ...failedReport('/c'), started: at(4000) }), 4100],
    [`${root}/cancelled/report.json`]: [JSON.stringify({ ...failedReport('/c', 'cancelled'), started: at(3000) }), 3100],
    [`${root}/live/events.jsonl`]: ['{"type":"start"}\n', 6000],
    [`${root}/cut/report.json`]: ['{"schema_version": 1, "run_id": ', 2000],
    [`${root}/cut/events.jsonl`]: ['', 1500],
    [`${root}/not-a-run/notes.txt`]: ['hello', 7000],
    [`${root}/.hidden/report.json`]: [JSON.stringify(validReport('/c')), 8000],
    [`${root}/sweep/trial-000/report.json`]: [JSON.stringify({ ...validReport('/c'), started: at(1000) }), 1000],
    [`${root}/loose-file.json`]: ['{}', 10000],
  });

  void it('gives every run directory one state of one vocabulary, newest first', () => {
    const runs = listRuns(fs, root);
    assert.deepEqual(
      runs.map((r) => [r.id, r.state]),
      [
        ['live', 'running'],
        ['done', 'done'],
        ['failed', 'failed'],
        ['cancelled', 'cancelled'],
        ['cut', 'unreadable'],
      ],
    );
    const byId = new Map(runs.map((r) => [r.id, r]));
    assert.equal(byId.get('done')?.report?.student?.metrics.accuracy, 0.95, 'a readable run carries its report');
    assert.equal(byId.get('failed')?.error, 'teacher model not found', 'a failed run says why');
    assert.match(byId.get('cut')?.error ?? '', /report\.json is not valid JSON/, 'an unreadable run says why');
    assert.equal(byId.get('live')?.report, undefined);
    assert.equal(byId.get('done')?.time, 5000, "a report's start time sorts it, not its file's");
  });

  void it('looks into sweep folders only when asked to, and never into a run directory', () => {
    assert.equal(
      listRuns(fs, root).some((r) => r.id === 'trial-000'),
      false,
    );
    const deep = listRuns(fs, root, { depth: 2 });
    assert.deepEqual(deep.find((r) => r.id === 'trial-000')?.dir, path.join(root, 'sweep', 'trial-000'));
    assert.equal(deep.length, 6);
  });

  void it('lists nothing for a folder that does not exist, and knows a single run directory', () => {
    assert.deepEqual(listRuns(fs, path.resolve('/nowhere')), []);
    assert.equal(runAt(fs, path.join(root, 'done'))?.state, 'done');
    assert.equal(runAt(fs, path.join(root, 'not-a-run')), undefined);
  });
});

void describe('run ids and where runs go', () => {
  void it('stamps run ids in UTC whatever the local time zone', () => {
    const now = new Date(Date.UTC(2026, 10, 27, 23, 30, 12));
    assert.equal(runStamp(now), '20261127-233012');
    assert.equal(newRunId('/a/mnist.distill.yaml', now), 'mnist-20261127-233012');
    assert.equal(configBaseName('/a/plain.yml'), 'plain');
    // Same instant written with an offset: same stamp.
    assert.equal(runStamp(new Date('2026-11-28T01:30:12+02:00')), '20261127-233012');
  });

  void it("reads the config's output once, for every caller, with the default for a config it cannot read", () => {
    assert.equal(configOutputOf('version: 1\noutput: ../results\n'), '../results');
    assert.equal(configOutputOf('version: 1\n'), 'runs');
    assert.equal(configOutputOf(undefined), 'runs');
    assert.equal(configOutputOf('output: [unclosed\n'), 'runs');
    const fs = memoryFileSystem({ '/ws/cfg/a.distill.yaml': 'version: 1\noutput: out\n' });
    assert.equal(configRunsRoot(fs, { configPath: path.resolve('/ws/cfg/a.distill.yaml') }), path.resolve('/ws/cfg/out'));
    assert.equal(
      configRunsRoot(fs, {
        configPath: path.resolve('/ws/cfg/a.distill.yaml'),
        runsFolderSetting: 'all-runs',
        workspaceFolderPath: path.resolve('/ws'),
      }),
      path.resolve('/ws/all-runs'),
    );
    assert.equal(configRunsRoot(fs, { configPath: path.resolve('/ws/missing.distill.yaml') }), path.resolve('/ws/runs'));
  });
});
