// Runs every test file under test/ with Node's own test runner (TypeScript through tsx).
// Usage: node scripts/run-tests.mjs [group...]   groups: core server trainer hostile webview extension sweep cli
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const order = ['core', 'cli', 'server', 'trainer', 'hostile', 'webview', 'extension', 'sweep'];
const wanted = process.argv.slice(2);
const groups = wanted.length ? wanted : order;

function collect(dir) {
  let out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name === 'fixtures' || name === 'e2e-suite') continue;
      out = out.concat(collect(path));
    } else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const files = [];
for (const group of groups) {
  try {
    files.push(...collect(join('test', group)));
  } catch {
    if (wanted.length) {
      console.error(`no test group ${group}`);
      process.exit(2);
    }
  }
}
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
