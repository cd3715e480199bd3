/** `distillery check` over folders holding unreadable or hostile configs: every other file is still checked. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, hostile, runNode, tempDir, TINY_IRIS } from './harness';

interface Finding {
  file: string;
  severity: string;
  code: string;
  message: string;
}

function folder(): string {
  const dir = tempDir('check');
  fs.writeFileSync(path.join(dir, 'good.distill.yaml'), TINY_IRIS);
  fs.writeFileSync(
    path.join(dir, 'bad.distill.yaml'),
    TINY_IRIS.replace('epochs: 1, batch_size: 32 }\nevaluation', 'epochs: -1, batch_size: 32 }\nevaluation'),
  );
  return dir;
}

async function checkJson(...paths: string[]): Promise<{ code: number | null; findings: Finding[] }> {
  const result = await runNode(CLI, ['check', ...paths, '--format', 'json']);
  return { code: result.code, findings: JSON.parse(result.stdout) as Finding[] };
}

hostile('check', 'check DIR with a 5 MB config: the others are reported and JSON is printed', async () => {
  const dir = folder();
  fs.writeFileSync(path.join(dir, 'huge.distill.yaml'), `# ${'x'.repeat(5 * 1024 * 1024)}\n`);
  const { code, findings } = await checkJson(dir);
  assert.equal(code, 1);
  const huge = findings.find((f) => f.file.endsWith('huge.distill.yaml'));
  assert.match(huge?.message ?? '', /above the 4\.00 MiB limit for config files.*DISTILLERY_MAX_CONFIG_MB/);
  assert.ok(
    findings.some((f) => f.file.endsWith('bad.distill.yaml') && f.code === 'range'),
    'the other error is still reported',
  );
});

hostile('check', 'check of a 52 MB YAML ends at once with the limit, not after a minute at 3 GB', async () => {
  const dir = tempDir('check-52mb');
  const file = path.join(dir, 'big.distill.yaml');
  fs.writeFileSync(file, `${TINY_IRIS}${'# padding line of a generated file\n'.repeat(1_500_000)}`);
  const result = await runNode(CLI, ['check', file]);
  assert.equal(result.code, 1);
  assert.match(
    result.stdout,
    /big\.distill\.yaml:1:1: error missing-file: Cannot read it: .* above the 4\.00 MiB limit/,
  );
  assert.ok(result.peakRssBytes < 512 * 1024 ** 2, `peak RSS ${result.peakRssBytes}`);
});

hostile('check', 'check DIR plus a config linked to /dev/zero: reported, the folder still checked', async () => {
  const dir = folder();
  const zero = path.join(tempDir('zero'), 'zero.distill.yaml');
  fs.symlinkSync('/dev/zero', zero);
  const { code, findings } = await checkJson(dir, zero);
  assert.equal(code, 1);
  assert.match(
    findings.find((f) => f.file.endsWith('zero.distill.yaml'))?.message ?? '',
    /character device, not a regular file/,
  );
  assert.ok(findings.some((f) => f.file.endsWith('bad.distill.yaml')));
});

hostile('check', 'check of a FIFO named like a config does not block', async () => {
  const fifo = path.join(tempDir('fifo'), 'pipe.distill.yaml');
  execFileSync('mkfifo', [fifo]);
  const { code, findings } = await checkJson(fifo);
  assert.equal(code, 1);
  assert.match(findings[0]?.message ?? '', /named pipe \(FIFO\), not a regular file/);
});

hostile('check', 'a config whose teacher model.json is linked to /dev/zero: a clear finding, no hang', async () => {
  const dir = tempDir('check-teacher');
  fs.mkdirSync(path.join(dir, 'teacher'));
  fs.symlinkSync('/dev/zero', path.join(dir, 'teacher', 'model.json'));
  fs.writeFileSync(
    path.join(dir, 'c.distill.yaml'),
    TINY_IRIS.replace(/teacher:\n( {2}.*\n)+/, 'teacher:\n  model: teacher/model.json\n'),
  );
  const { code, findings } = await checkJson(dir);
  assert.equal(code, 1);
  assert.ok(
    findings.some((f) => f.code === 'missing-file' && /character device, not a regular file/.test(f.message)),
    JSON.stringify(findings),
  );
});
