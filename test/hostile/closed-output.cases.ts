/** A reader that goes away (`| head -1`): the run stops politely and still leaves its report, never an EPIPE crash. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { CLI, hostile, REPO, tempDir, TINY_IRIS, TRAINER } from './harness';

/** Long enough that the reader is gone while it trains. */
const LONG_IRIS = TINY_IRIS.replace(
  'training: { epochs: 1, batch_size: 32 }\nstudent',
  'training: { epochs: 400, batch_size: 8 }\nstudent',
);

async function readOneLineThenClose(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = readline.createInterface({ input: child.stdout });
  await new Promise<void>((resolve) => lines.once('line', () => resolve()));
  lines.close();
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  return { code, stderr };
}

for (const [name, entry, extra] of [
  ['trainer.js --json | head -1', TRAINER, []],
  ['distillery train --json | head -1', CLI, ['train']],
] as const) {
  hostile('process', `${name}: the run ends cancelled with report and terminal event, no EPIPE crash`, async () => {
    const dir = tempDir('epipe');
    const config = path.join(dir, 'long.distill.yaml');
    fs.writeFileSync(config, LONG_IRIS);
    const runDir = path.join(dir, 'run');
    const { code, stderr } = await readOneLineThenClose([entry, ...extra, config, '--run-dir', runDir, '--json']);
    assert.doesNotMatch(stderr, /EPIPE.*\n\s+at /, 'no stack trace');
    assert.equal(code, 130, stderr);
    const report = JSON.parse(fs.readFileSync(path.join(runDir, 'report.json'), 'utf8')) as {
      status: string;
      error: string;
    };
    assert.equal(report.status, 'cancelled');
    assert.match(report.error, /output was closed/);
    const last = fs.readFileSync(path.join(runDir, 'events.jsonl'), 'utf8').trim().split('\n').at(-1)!;
    assert.equal((JSON.parse(last) as { type: string }).type, 'cancelled');
  });
}
