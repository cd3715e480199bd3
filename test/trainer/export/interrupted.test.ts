/**
 * Exporting is the last step of a run and can be interrupted like any other: a trainer killed while it
 * exports leaves a readable run (its report written before the export started) that `distillery export`
 * finishes; a full disk while exporting is a clear failure that leaves the run, and any previous export, as
 * they were.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { main } from '../../../src/cli/main';
import type { RunReport } from '../../../src/core/protocol/report';
import { FIXTURES, tempDir, useTrainerBackend } from '../helpers';
import { spawnTrainer } from '../trainer-process';

const IRIS = path.join(FIXTURES, 'iris-fast.distill.yaml');

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  await useTrainerBackend();
  let stdout = '';
  let stderr = '';
  const sink = (write: (s: string) => void) => ({ write: (chunk: string) => (write(String(chunk)), true) });
  const code = await main(args, {
    stdout: sink((s) => (stdout += s)) as unknown as NodeJS.WritableStream,
    stderr: sink((s) => (stderr += s)) as unknown as NodeJS.WritableStream,
    cwd: process.cwd(),
  });
  return { code, stdout, stderr };
}

const readReport = (runDir: string): RunReport =>
  JSON.parse(fs.readFileSync(path.join(runDir, 'report.json'), 'utf8')) as RunReport;

/** Every file of a folder with its bytes, for "nothing else changed". */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (sub: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const relative = path.join(sub, entry.name);
      if (entry.isDirectory()) walk(relative);
      else out.set(relative, fs.readFileSync(path.join(dir, relative)).toString('base64'));
    }
  };
  walk('');
  return out;
}

let finishedRun: string | undefined;

void test('killed while exporting: the run stays readable and `distillery export` finishes it', async () => {
  const runDir = tempDir('export-killed');
  const trainer = spawnTrainer([IRIS, '--run-dir', runDir, '--json']);
  await trainer.waitForEvent((e) => e.type === 'phase' && e.phase === 'export');
  trainer.child.kill('SIGKILL');
  assert.equal((await trainer.exited).signal, 'SIGKILL');
  const before = readReport(runDir);
  assert.equal(before.status, 'done', 'everything measured before the export is in report.json');
  assert.ok(before.quantized && before.student && before.teacher);
  assert.equal(before.exports, undefined, 'the kill came before the export was recorded');
  assert.equal(before.shipped_latency, undefined, 'and before the shipped files were timed');

  const { code, stdout, stderr } = await cli(['export', runDir]);
  assert.equal(code, 0, stderr);
  assert.match(stdout, /export\/model\.onnx: .*int8 weights, accuracy/);
  const after = readReport(runDir);
  assert.deepEqual(
    after.exports?.map((e) => e.path),
    ['export/tfjs/model.json', 'export/model.onnx'],
  );
  for (const entry of after.exports ?? []) for (const f of entry.files) assert.ok(fs.existsSync(path.join(runDir, f)));
  assert.equal(after.quantized?.bytes_file, 'export/model.onnx');
  // The shipped files are timed as the run would have: the student and each step, the final one from the export.
  const timed = after.shipped_latency?.models ?? [];
  assert.equal(timed[0]?.file, 'student/model.json');
  assert.deepEqual(timed.at(-1)?.role, 'quantized');
  assert.equal(timed.at(-1)?.file, 'export/tfjs/model.json');
  assert.ok(timed.every((m) => m.batch1_ms > 0 && m.bytes > 0));
  assert.match(fs.readFileSync(path.join(runDir, 'report.md'), 'utf8'), /## Latency of the shipped files/);
  assert.deepEqual(after.student, before.student, 'the rest of the report is kept');
  assert.ok(!fs.existsSync(path.join(runDir, 'export.partial')));
  finishedRun = runDir;
});

void test('distillery export: bad command lines exit 2, a folder without a run exits 1 with the reason', async () => {
  assert.equal((await cli(['export'])).code, 2);
  assert.equal((await cli(['export', 'a', '--format', 'pt'])).code, 2);
  const empty = tempDir('export-empty');
  const { code, stderr } = await cli(['export', empty]);
  assert.equal(code, 1);
  assert.match(stderr, /report\.json cannot be read/);
  assert.deepEqual(fs.readdirSync(empty), [], 'nothing was written');
});

const mountPoint = tempDir('export-tmpfs');
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint], { stdio: 'pipe' });
  mounted = true;
} catch (error) {
  process.stderr.write(`tmpfs mount failed (${String(error)}); the full-disk export test cannot run here.\n`);
}
after(() => {
  if (mounted) execFileSync('umount', [mountPoint]);
});

void test('full disk while exporting: a clear failure, the run and its previous export unchanged, then it finishes', async () => {
  assert.ok(mounted, 'this test needs root to mount a small tmpfs (as test/trainer/process.test.ts does)');
  assert.ok(finishedRun, 'the killed-run test made a run');
  const runDir = path.join(mountPoint, 'run');
  fs.cpSync(finishedRun, runDir, { recursive: true });
  const before = snapshot(runDir);
  // Fill the filesystem: the export's first file cannot be written.
  const filler = path.join(mountPoint, 'filler');
  const block = Buffer.alloc(64 * 1024);
  const fd = fs.openSync(filler, 'w');
  try {
    for (;;) fs.writeSync(fd, block);
  } catch (error) {
    assert.equal((error as { code?: string }).code, 'ENOSPC');
  } finally {
    fs.closeSync(fd);
  }
  const failed = await cli(['export', runDir]);
  assert.equal(failed.code, 1);
  assert.match(failed.stderr, /No space left on the device while writing .*export\.partial/);
  assert.match(
    failed.stderr,
    /hint: Every result before the export is in report\.json\. Free some disk space .*, then run `distillery export /,
  );
  assert.deepEqual(snapshot(runDir), before, 'report.json, models and the previous export are as they were');

  fs.rmSync(filler);
  const retried = await cli(['export', runDir]);
  assert.equal(retried.code, 0, retried.stderr);
  assert.ok(readReport(runDir).exports?.length === 2);
});
