/**
 * The language-server fuzz in `npm test`: a seeded subset (the first 400 documents of seed 20261130) of the
 * mutated configs that `npm run fuzz:server` sends 10,000 of. See config-fuzz.ts for what each document must pass.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeFuzzResult, runConfigFuzz } from './config-fuzz';

const SEED = 20261130;
const COUNT = 400;

void test(
  `the language server answers diagnostics, completion and hover on ${COUNT} mutated configs`,
  { timeout: 300_000 },
  async () => {
    const result = await runConfigFuzz({ seed: SEED, count: COUNT, requestBudgetMs: 5000 });
    assert.equal(result.documents, COUNT);
    assert.equal(result.requests, COUNT * 5, 'diagnostics, two completions and two hovers per document');
    process.stdout.write(`${describeFuzzResult(result, SEED)}\n`);
  },
);
