/** A hand-edited sweep.json never leads the sweep outside its directory. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SweepIndex } from '../../src/core/protocol/sweep';
import { prepareSweep } from '../../src/sweep/prepare-sweep';
import { CLI, hostile, hostileEach, runNode, snapshot, tempDir, TINY_IRIS } from './harness';

const SWEEP_CONFIG = `${TINY_IRIS}sweep: { parameters: [ { path: distillation.temperature, values: [2, 4] } ] }\n`;

/** A prepared (not trained) sweep whose first trial is then edited by `edit`; returns the config and a victim folder. */
function editedSweep(edit: (trial: Record<string, unknown>, sweepDir: string, victim: string) => void): {
  config: string;
  sweepDir: string;
  victim: string;
} {
  const work = tempDir('sweep-index');
  const config = path.join(work, 's.distill.yaml');
  fs.writeFileSync(config, SWEEP_CONFIG);
  const victim = path.join(work, 'victim');
  fs.mkdirSync(victim);
  fs.writeFileSync(path.join(victim, 'thesis.tex'), 'years of work');
  const { store } = prepareSweep(config, 'local');
  const file = path.join(store.dir, 'sweep.json');
  const index = JSON.parse(fs.readFileSync(file, 'utf8')) as SweepIndex;
  edit(index.trials[0] as unknown as Record<string, unknown>, store.dir, victim);
  fs.writeFileSync(file, JSON.stringify(index));
  return { config, sweepDir: store.dir, victim };
}

hostileEach(
  'sweep',
  {
    'run_dir "../../victim"': (t: Record<string, unknown>) => (t.run_dir = '../../victim'),
    'run_dir an absolute path': (t: Record<string, unknown>, _d: string, victim: string) => (t.run_dir = victim),
    'run_dir "."': (t: Record<string, unknown>) => (t.run_dir = '.'),
    'run_dir a nested path': (t: Record<string, unknown>) => (t.run_dir = 'a/../../victim'),
    'run_dir a number': (t: Record<string, unknown>) => (t.run_dir = 7),
    'trial id "../../victim" (the attempts folder is named after it)': (t: Record<string, unknown>) =>
      (t.id = '../../victim'),
    'trial folder replaced by a link to the victim': (t: Record<string, unknown>, sweepDir: string, victim: string) => {
      fs.rmSync(path.join(sweepDir, t.run_dir as string), { recursive: true, force: true });
      fs.symlinkSync(victim, path.join(sweepDir, t.run_dir as string));
    },
  },
  (edit) => {
    const { config, victim } = editedSweep(edit);
    const before = snapshot(victim);
    assert.throws(
      () => prepareSweep(config, 'local'),
      /sweep\.json: trial .*(must be a plain folder name|symbolic link).*Nothing was moved/,
    );
    assert.deepEqual(snapshot(victim), before);
  },
);

hostile(
  'sweep',
  '`distillery sweep` on a sweep.json with run_dir "../../victim" refuses; the victim is untouched',
  async () => {
    const { config, victim } = editedSweep((t) => (t.run_dir = '../../victim'));
    const before = snapshot(victim);
    const result = await runNode(CLI, ['sweep', config]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /run_dir "\.\.\/\.\.\/victim": it must be a plain folder name/);
    assert.deepEqual(snapshot(victim), before);
    assert.ok(!fs.existsSync(path.join(victim, 'events.jsonl')));
  },
);
