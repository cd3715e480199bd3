/** core's pure path helper against Node's own `path.posix` and `path.win32` on the same inputs. */
import assert from 'node:assert/strict';
import * as nodePath from 'node:path';
import { describe, it } from 'node:test';
import * as filePath from '../../../src/core/paths/file-path';

const POSIX_BASES = ['/', '/home/ana/project', '/home/ana/project/', '/a/./b/../c', '/data with space/x'];
const WINDOWS_BASES = [
  'C:\\',
  'C:\\Users\\Ana\\project',
  'c:/Users/Ana/project/',
  'D:\\a\\.\\b\\..\\c',
  '\\\\srv\\share\\cfg',
];
const RELATIVE_PARTS = [
  'data/train.csv',
  './models/teacher/model.json',
  '../shared/data.csv',
  '../../../../../../x',
  'runs',
  '',
  '.',
  'a//b/',
];
const POSIX_ONLY_PARTS = ['/abs/file.csv', 'data\\train.csv'];
const WINDOWS_ONLY_PARTS = ['data\\train.csv', '..\\up\\x.csv', 'E:\\other\\x.csv', '\\rooted\\x', '\\\\srv2\\s\\y'];

function cases(bases: string[], parts: string[]): Array<[string, string]> {
  return bases.flatMap((base) => parts.map((part): [string, string] => [base, part]));
}

void describe('core path helper', () => {
  void it('resolves like path.posix.resolve for POSIX paths (a backslash is part of a name)', () => {
    for (const [base, part] of cases(POSIX_BASES, [...RELATIVE_PARTS, ...POSIX_ONLY_PARTS]))
      assert.equal(filePath.resolve(base, part), nodePath.posix.resolve(base, part), `resolve(${base}, ${part})`);
  });

  void it('resolves like path.win32.resolve for Windows paths (drives, UNC shares, both separators)', () => {
    for (const [base, part] of cases(WINDOWS_BASES, [...RELATIVE_PARTS, ...WINDOWS_ONLY_PARTS]))
      assert.equal(filePath.resolve(base, part), nodePath.win32.resolve(base, part), `resolve(${base}, ${part})`);
  });

  void it('takes dirname, basename, extname, join and isAbsolute like Node', () => {
    const posix = ['/a/b/c.csv', '/a', '/', '/a/b/', '/a/.hidden', '/a/b.tar.gz', '/a/noext.', '/a/data\\x.csv'];
    const windows = ['C:\\a\\b.csv', 'C:\\', 'C:\\a\\', 'c:/a/b/model.JSON', '\\\\srv\\share\\f.png'];
    for (const [file, flavour] of [
      ...posix.map((f) => [f, nodePath.posix] as const),
      ...windows.map((f) => [f, nodePath.win32] as const),
    ]) {
      assert.equal(filePath.dirname(file), flavour.dirname(file), `dirname(${file})`);
      assert.equal(filePath.basename(file), flavour.basename(file), `basename(${file})`);
      assert.equal(filePath.extname(file), flavour.extname(file), `extname(${file})`);
      assert.equal(filePath.isAbsolute(file), flavour.isAbsolute(file), `isAbsolute(${file})`);
      assert.equal(filePath.join(file, 'x', '../y.csv'), flavour.join(file, 'x', '../y.csv'), `join(${file}, ...)`);
    }
    for (const file of ['data/x.csv', 'x', 'a/b/', 'data\\x.csv']) {
      assert.equal(filePath.dirname(file), nodePath.posix.dirname(file), `dirname(${file})`);
      assert.equal(filePath.basename(file), nodePath.posix.basename(file), `basename(${file})`);
      assert.equal(filePath.isAbsolute(file), false, `isAbsolute(${file})`);
    }
  });

  void it('finds the relative way between two paths like Node (Windows: ignoring case, across drives)', () => {
    const posix: Array<[string, string]> = [
      ['/w', '/w/a/b.yaml'],
      ['/w', '/w'],
      ['/w/a', '/w/b/c'],
      ['/w', '/wx/a'],
      ['/', '/a'],
    ];
    const windows: Array<[string, string]> = [
      ['C:\\W', 'c:\\w\\A\\b.yaml'],
      ['C:\\w', 'D:\\w\\a'],
      ['C:\\w\\a', 'C:\\w\\b\\c'],
      ['\\\\srv\\share\\w', '\\\\srv\\share\\w\\x'],
    ];
    for (const [from, to] of posix)
      assert.equal(filePath.relative(from, to), nodePath.posix.relative(from, to), `relative(${from}, ${to})`);
    for (const [from, to] of windows)
      assert.equal(filePath.relative(from, to), nodePath.win32.relative(from, to), `relative(${from}, ${to})`);
  });
});
