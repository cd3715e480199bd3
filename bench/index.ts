/**
 * `npm run bench`: runs every bench/*.bench.ts in its own process, one after another (the machine has two
 * cores; benchmarks running side by side would measure each other). `npm run bench -- NAME` runs one;
 * options after the names go to each bench (`npm run bench -- data-stream --counts 1000`).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';

const args = process.argv.slice(2);
// Names first, then options for the benches (`npm run bench -- data-stream --counts 1000`): passed on to each.
const firstOption = args.findIndex((a) => a.startsWith('--'));
const only = firstOption < 0 ? args : args.slice(0, firstOption);
const options = firstOption < 0 ? [] : args.slice(firstOption);
const files = readdirSync(__dirname)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)));
let failed = 0;
for (const file of files) {
  process.stdout.write(`\n=== ${file.replace('.bench.ts', '')} ===\n`);
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--expose-gc', path.join(__dirname, file), ...options],
    {
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) {
    failed++;
    process.stdout.write(`(${file} exited with ${result.status})\n`);
  }
}
process.exitCode = failed ? 1 : 0;
