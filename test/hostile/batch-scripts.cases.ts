/**
 * Generated Slurm batch scripts with hostile paths: each script passes `bash -n`, and run for real (the
 * trainer replaced by a stub that records its arguments, since no cluster runs here) it hands the trainer
 * exactly the paths given, running none of their text. Newlines and other control characters are refused.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeArrayScript, writeRunScript } from '../../src/slurm/batch-script';
import { hostileEach, tempDir } from './harness';

const HOSTILE_NAMES: Record<string, string> = {
  spaces: 'my runs',
  'a single quote': "it's",
  'a command substitution': '$(touch pwned)',
  backticks: '`touch pwned`',
  'a semicolon and ampersand': 'a; touch pwned & b',
  'a variable': '$HOME${IFS}x',
  'a glob': '*',
  'a leading dash': '-rf',
  'double quotes and a backslash': 'a"b\\c',
  'a comment sign': '# not a comment',
  'non-ASCII': 'läufe-試験',
  'a history expansion': '!!',
};

/** A stub "node" that writes its arguments, one per line, to $ARGS_FILE. */
function stubNode(dir: string): string {
  const file = path.join(dir, 'stub node');
  fs.writeFileSync(file, '#!/bin/bash\nprintf "%s\\n" "$@" > "$ARGS_FILE"\n', { mode: 0o755 });
  return file;
}

function runScript(script: string, cwd: string, argsFile: string, env: NodeJS.ProcessEnv = {}): string[] {
  execFileSync('bash', ['-n', script]);
  const result = spawnSync('bash', [script], {
    cwd,
    env: { PATH: process.env.PATH, ARGS_FILE: argsFile, ...env },
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
  return fs.readFileSync(argsFile, 'utf8').replace(/\n$/, '').split('\n');
}

hostileEach('slurm', HOSTILE_NAMES, (name) => {
  const base = tempDir('sbatch');
  const runDir = path.join(base, name, 'run');
  const configDir = path.join(base, `${name} cfg`);
  fs.mkdirSync(runDir, { recursive: true });
  fs.mkdirSync(configDir, { recursive: true });
  const config = path.join(configDir, `${name}.distill.yaml`);
  const trainer = { node: stubNode(base), script: path.join(base, `${name}.js`) };
  const argsFile = path.join(base, 'args.txt');
  const single = runScript(writeRunScript(runDir, trainer, config, 3), base, argsFile);
  assert.deepEqual(single, [trainer.script, config, '--run-dir', runDir, '--json', '--seed', '3']);

  const sweepDir = path.join(base, name, 'sweep');
  fs.mkdirSync(path.join(sweepDir, 'trial-002'), { recursive: true });
  const array = runScript(writeArrayScript(sweepDir, trainer, 5, `${name}.distill.yaml`), base, argsFile, {
    SLURM_ARRAY_TASK_ID: '2',
  });
  const trialDir = path.join(sweepDir, 'trial-002');
  assert.deepEqual(array, [
    trainer.script,
    path.join(trialDir, `${name}.distill.yaml`),
    '--run-dir',
    trialDir,
    '--json',
    '--seed',
    '5',
  ]);
  const texts = [
    fs.readFileSync(path.join(runDir, 'slurm', 'run.sbatch'), 'utf8'),
    fs.readFileSync(path.join(sweepDir, 'slurm', 'trials.sbatch'), 'utf8'),
  ];
  for (const text of texts)
    for (const line of text.split('\n').filter((l) => l.startsWith('#')))
      assert.ok(!line.includes(name) || name === '*', `no value in a comment: ${line}`);
  assert.ok(!fs.existsSync(path.join(base, 'pwned')) && !fs.existsSync('pwned'), 'no text of a path was run');
});

hostileEach(
  'slurm',
  {
    'a run directory with a newline and a command (the issue\'s output: "runs\\n$(touch pwned)\\n#")':
      'runs\n$(touch pwned)\n#',
    'a run directory with a carriage return': 'runs\rx',
    'a run directory with a terminal escape': 'runs\u001b[2J',
  },
  (name) => {
    const base = tempDir('sbatch-newline');
    const runDir = path.join(base, name);
    fs.mkdirSync(runDir, { recursive: true });
    assert.throws(
      () => writeRunScript(runDir, { node: '/usr/bin/node', script: '/opt/trainer.js' }, '/c.distill.yaml', undefined),
      /The run directory .* holds a newline or another control character; it cannot go into a Slurm batch script/,
    );
    assert.ok(!fs.existsSync(path.join(runDir, 'slurm', 'run.sbatch')), 'no script is written');
  },
);
