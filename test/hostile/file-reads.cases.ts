/**
 * The one guarded reader (src/node/file-system.ts): devices, FIFOs, folders and oversized files of every kind
 * end in an error naming the file (and, for size, the limit and how to raise it), at once and without blocking.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileReadError, nodeFileSystem, readBinaryFile, readTextFile } from '../../src/node/file-system';
import { DEFAULT_LIMIT_MB, type FileKind, limitVariable } from '../../src/node/read-limits';
import { hostile, hostileEach, tempDir } from './harness';

const KINDS = Object.keys(DEFAULT_LIMIT_MB) as FileKind[];
const NAMES: Record<FileKind, string> = {
  config: 'c.distill.yaml',
  csv: 'data.csv',
  image: 'a.png',
  model: 'model.json',
  onnx: 'teacher.onnx',
  weights: 'group1-shard1of1.bin',
  report: 'report.json',
  events: 'events.jsonl',
  sweep: 'sweep.json',
  other: 'notes.txt',
};

function linkTo(target: string, name: string): string {
  const file = path.join(tempDir('link'), name);
  fs.symlinkSync(target, file);
  return file;
}

function fifo(name: string): string {
  const file = path.join(tempDir('fifo'), name);
  execFileSync('mkfifo', [file]);
  return file;
}

function refuses(read: () => unknown, code: string, pattern: RegExp): void {
  assert.throws(read, (error: unknown) => {
    assert.ok(error instanceof FileReadError, String(error));
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
    return true;
  });
}

for (const kind of KINDS) {
  hostile('files', `${kind}: a link to /dev/zero is refused as a device`, () => {
    const file = linkTo('/dev/zero', NAMES[kind]);
    refuses(
      () => readBinaryFile(file, kind),
      'ENOTREG',
      new RegExp(`${NAMES[kind]} is a character device, not a regular file`),
    );
  });
  hostile('files', `${kind}: a FIFO with no writer is refused without blocking`, () => {
    const file = fifo(NAMES[kind]);
    refuses(() => readTextFile(file, kind), 'ENOTREG', /named pipe \(FIFO\), not a regular file/);
  });
  hostile('files', `${kind}: a file above the limit names the limit and its variable`, () => {
    const file = path.join(tempDir('big'), NAMES[kind]);
    fs.writeFileSync(file, '');
    fs.truncateSync(file, DEFAULT_LIMIT_MB[kind] * 1024 * 1024 + 1); // sparse: no disk used
    refuses(
      () => readBinaryFile(file, kind),
      'EFBIG',
      new RegExp(
        `${NAMES[kind]} is [\\d.]+ [MG]iB \\(\\d+ bytes\\), above the [\\d.]+ [MG]iB limit .*${limitVariable(kind)}`,
      ),
    );
  });
}

hostileEach(
  'files',
  { 'a folder named like a config': 'c.distill.yaml', 'a folder named like a report': 'report.json' },
  (name) => {
    const dir = path.join(tempDir('dir'), name);
    fs.mkdirSync(dir);
    refuses(() => readTextFile(dir), 'EISDIR', /is a folder, not a regular file/);
  },
);

hostile('files', 'the limit is raised by its environment variable', () => {
  const file = path.join(tempDir('raised'), 'c.distill.yaml');
  fs.writeFileSync(file, 'x'.repeat(2048));
  process.env[limitVariable('config')] = '0.001';
  try {
    refuses(() => readTextFile(file, 'config'), 'EFBIG', /limit for config files/);
  } finally {
    delete process.env[limitVariable('config')];
  }
  assert.equal(readTextFile(file, 'config').length, 2048);
});

hostile('files', "the analysis says why a CSV linked to /dev/zero can't be read (not 'not found')", () => {
  const file = linkTo('/dev/zero', 'data.csv');
  assert.equal(nodeFileSystem.readText(file), undefined);
  assert.match(nodeFileSystem.readProblem?.(file) ?? '', /character device, not a regular file/);
});
