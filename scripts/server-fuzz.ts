/**
 * The language-server fuzz with any seed and count: `npm run fuzz:server -- [--count 10000] [--seed 20261130]`
 * (builds first). `npm test` runs seed 20261130's 10,000 (test/server/config-fuzz.test.ts); this prints the count,
 * the requests answered, the wall time and the slowest answer, and exits 1 on the first failure (with its seed and
 * document index, which reproduce it).
 */
import { describeFuzzResult, runConfigFuzz } from '../test/server/config-fuzz';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
  return value;
}

async function main(): Promise<void> {
  const count = option('count', 10_000);
  const seed = option('seed', 20261130);
  const result = await runConfigFuzz({
    seed,
    count,
    requestBudgetMs: 5000,
    onProgress: (done) => {
      if (done % 1000 === 0) process.stdout.write(`  ${done} documents\n`);
    },
  });
  process.stdout.write(`${describeFuzzResult(result, seed)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
