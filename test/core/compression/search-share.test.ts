/** The share of the search space one Slurm array task measures: whole groups, every group exactly once. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSearchShare, searchShare, searchSpace } from '../../../src/core/compression/search-space';

void test('the shares of N tasks split the space into whole groups, each measured by exactly one task', () => {
  const space = searchSpace({});
  for (const count of [1, 2, 3, 4, space.length, space.length + 2]) {
    const shares = Array.from({ length: count }, (_, index) => searchShare(space, { index, count }));
    const ids = shares.flatMap((groups) => groups.map((g) => g.id));
    assert.deepEqual([...ids].sort(), space.map((g) => g.id).sort(), `${count} tasks cover every group once`);
    assert.equal(new Set(ids).size, ids.length);
  }
  assert.deepEqual(
    searchShare(searchSpace({ sparsity: [0, 0.5], structure: ['units'] }), { index: 1, count: 2 }).map((g) => g.id),
    ['units50'],
  );
});

void test('--search-share I/N parses, and bad values say what is wrong', () => {
  assert.deepEqual(parseSearchShare('1/3'), { index: 1, count: 3 });
  for (const bad of ['3/3', '0/0', '-1/2', '1', 'a/b', '1/2/3', ''])
    assert.throws(() => parseSearchShare(bad), /--search-share takes I\/N/, bad);
});
