/**
 * `npm run bench`: runs every bench/*.bench.ts in its own process, one after another (the machine has two
 * cores; benchmarks running side by side would measure each other). `npm run bench -- NAME` runs one.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';

const only = process.argv.slice(2);
const files = readdirSync(__dirname)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)));
let failed = 0;
for (const file of files) {
  process.stdout.write(`\n=== ${file.replace('.bench.ts', '')} ===\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(__dirname, file)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    failed++;
    process.stdout.write(`(${file} exited with ${result.status})\n`);
  }
}
process.exitCode = failed ? 1 : 0;
