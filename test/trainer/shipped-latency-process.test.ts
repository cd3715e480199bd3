/**
 * The shipped-latency process (eval/shipped-latency-process + shipped-latency-child): shipped TF.js files timed in a
 * fresh Node process that loads stock TF.js and the trainer's backend only, and their ONNX forms with onnxruntime. Real child processes and real model
 * files; the import graph of the child's bundle is checked with esbuild, the bundler that builds it.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import * as esbuild from 'esbuild';
import * as tf from '@tensorflow/tfjs';
import { WARMUP_ROUND } from '../../src/trainer/eval/interleaved-timing';
import { measureShippedFilesOrWarn } from '../../src/trainer/eval/shipped-latency';
import { timeInCleanProcess } from '../../src/trainer/eval/shipped-latency-process';
import { onnxUnmeasuredMessage } from '../../src/core/format/shipped-latency-text';
import { shippedLatencyCheck } from '../../src/core/protocol/shipped-latency';
import { onnxModelOf } from '../../src/trainer/export/onnx-graph';
import { loadModel, saveModel } from '../../src/trainer/model/model-files';
import { RunFiles } from '../../src/trainer/run/run-files';
import type { StockBackend } from '../../src/trainer/shipped-latency-protocol';
import { REPO, tempDir, useTrainerBackend } from './helpers';

const dir = tempDir('shipped-latency-process');
let backend: StockBackend;
const files: { path: string; shown: string }[] = [];

before(async () => {
  backend = (await useTrainerBackend()) as StockBackend;
  for (const [name, units] of [
    ['wide', 64],
    ['narrow', 8],
  ] as const) {
    const model = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [4], units, activation: 'relu' }), tf.layers.dense({ units: 3 })],
    });
    await saveModel(model, name, new RunFiles(dir));
    model.dispose();
    files.push({ path: path.join(dir, name, 'model.json'), shown: `${name}/model.json` });
  }
});

const job = (
  extra: Partial<Parameters<typeof timeInCleanProcess>[0]> = {},
): Parameters<typeof timeInCleanProcess>[0] => ({
  backend,
  files,
  sample: Float32Array.from({ length: 16 * 4 }, (_, i) => (i % 7) / 7),
  inputShape: [4],
  batchSize: 16,
  repetitions: 5,
  ...extra,
});

void test('times each file in a fresh process on the named backend and sends the times back', async () => {
  let childPid: number | undefined;
  const reply = await timeInCleanProcess(job(), { onStart: (pid) => (childPid = pid) });
  assert.ok(childPid && childPid !== process.pid, 'a process of its own');
  assert.equal(reply.backend, backend);
  assert.equal(reply.runtime, `@tensorflow/tfjs ${tf.version.tfjs}`);
  assert.equal(reply.batchSize, 16);
  assert.ok(reply.warmup >= 2 * WARMUP_ROUND && reply.warmup % WARMUP_ROUND === 0, `warm-up rounds: ${reply.warmup}`);
  assert.equal(reply.timed.length, 2);
  reply.timed.forEach((t, i) => {
    const folder = path.dirname(files[i]!.path);
    const onDisk = fs.readdirSync(folder).reduce((n, f) => n + fs.statSync(path.join(folder, f)).size, 0);
    assert.equal(t.bytes, onDisk, `${files[i]!.shown}: bytes of the files loaded`);
    assert.ok(t.batch1.median > 0 && t.batched.median > 0, 'times');
    assert.ok(t.batch1.iqr >= 0 && t.batched.iqr >= 0, 'spreads');
  });
});

void test('a file the process cannot load ends in an error naming it', async () => {
  const missing = { path: path.join(dir, 'gone', 'model.json'), shown: 'gone/model.json' };
  await assert.rejects(timeInCleanProcess(job({ files: [missing] })), (error: Error) => {
    assert.match(
      error.message,
      /^Timing the shipped files in a fresh process failed: gone\/model\.json: model file not found/,
    );
    return true;
  });
});

void test('a process that dies before replying: a clear error, and the run keeps everything else (a warning)', async () => {
  const shipped = files.map((f, i) => ({ ...f, role: i === 0 ? ('student' as const) : ('pruned' as const) }));
  const input = { sample: job().sample, inputShape: [4], batchSize: 16 };
  const killed = await measureShippedFilesOrWarn(shipped, input, {
    onStart: (pid) => pid && process.kill(pid, 'SIGKILL'),
  });
  assert.equal(killed.latency, undefined);
  assert.match(
    killed.warning ?? '',
    /^Shipped latency not measured: Timing the shipped files in a fresh process failed: the process ended before it replied \(signal SIGKILL\)\..* `distillery export RUN_DIR` measures the shipped files again\.$/s,
  );
  const measured = await measureShippedFilesOrWarn(shipped, input);
  assert.equal(measured.warning, undefined);
  assert.equal(measured.latency?.process, 'fresh');
  assert.deepEqual(
    measured.latency?.models.map((m) => m.file),
    ['wide/model.json', 'narrow/model.json'],
  );
});

void test("the process's code holds stock TF.js and the backend only: none of Distillery's kernels or backend selection", async () => {
  const built = await esbuild.build({
    entryPoints: [path.join(REPO, 'src/trainer/shipped-latency-child.ts')],
    bundle: true,
    platform: 'node',
    write: false,
    metafile: true,
    logLevel: 'silent',
    external: ['@tensorflow/*', 'onnxruntime-node'],
  });
  const inputs = Object.keys(built.metafile.inputs);
  assert.ok(
    inputs.some((i) => i.endsWith('src/trainer/eval/shipped-latency.ts')),
    inputs.join('\n'),
  );
  const distillery = inputs.filter((i) => /src\/trainer\/(kernels|backend)\//.test(i));
  assert.deepEqual(distillery, [], 'no kernel registration or backend selection in the child');
  const imported = Object.values(built.metafile.outputs).flatMap((o) => o.imports.map((i) => i.path));
  const tfPackages = [...new Set(imported.filter((p) => p.startsWith('@tensorflow/')))].sort();
  assert.deepEqual(tfPackages, ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-node']);
});

/** The two models as steps with their ONNX forms: the first encoded from its model.json, the last a .onnx file. */
function withOnnx(onnxFile: string) {
  return files.map((f, i) => ({
    ...f,
    role: i === 0 ? ('student' as const) : ('pruned' as const),
    onnx: i === 0 ? { ...f, encoded: true } : { path: path.join(dir, onnxFile), shown: onnxFile, encoded: false },
  }));
}

void test('the ONNX forms are timed with onnxruntime in the same process, by the same method', async () => {
  const { model } = await loadModel(files[1]!.path);
  const encoded = onnxModelOf(model, undefined, {}, 'test').bytes;
  model.dispose();
  fs.writeFileSync(path.join(dir, 'narrow.onnx'), encoded);
  const input = { sample: job().sample, inputShape: [4], batchSize: 16 };
  const { latency, warning } = await measureShippedFilesOrWarn(withOnnx('narrow.onnx'), input);
  assert.equal(warning, undefined);
  const onnx = latency?.onnx;
  assert.ok(onnx, latency?.onnx_unmeasured);
  assert.match(onnx.runtime, /^onnxruntime-node \d/);
  assert.ok(onnx.warmup >= 2 * WARMUP_ROUND && onnx.warmup % WARMUP_ROUND === 0, `warm-up rounds: ${onnx.warmup}`);
  assert.deepEqual(
    onnx.models.map((m) => [m.role, m.file, m.encoded ?? false]),
    [
      ['student', 'wide/model.json', true],
      ['pruned', 'narrow.onnx', false],
    ],
  );
  assert.equal(onnx.models[1]!.bytes, encoded.byteLength);
  for (const m of onnx.models) assert.ok(m.batch1_ms > 0 && m.batched_ms > 0 && m.batch1_iqr_ms >= 0);
  assert.equal(onnx.models[1]!.versus?.role, 'student');
});

void test('an .onnx file onnxruntime cannot open: a clear error in the report, the TF.js times kept', async () => {
  fs.writeFileSync(path.join(dir, 'corrupt.onnx'), 'this is not an ONNX model');
  const input = { sample: job().sample, inputShape: [4], batchSize: 16 };
  const { latency, warning } = await measureShippedFilesOrWarn(withOnnx('corrupt.onnx'), input);
  assert.equal(warning, undefined, 'the timing process itself did not fail');
  assert.equal(latency?.models.length, 2, 'the TF.js times stand');
  assert.equal(latency?.onnx, undefined);
  assert.match(latency?.onnx_unmeasured ?? '', /^corrupt\.onnx: onnxruntime cannot open it \(.+\)$/);
  assert.match(
    onnxUnmeasuredMessage(latency!) ?? '',
    /^ONNX latency not measured: corrupt\.onnx: onnxruntime cannot open it .*The TF\.js latency is measured; `distillery export RUN_DIR` measures both again\.$/,
  );
  const missing = await measureShippedFilesOrWarn(withOnnx('gone.onnx'), input);
  assert.match(missing.latency?.onnx_unmeasured ?? '', /^gone\.onnx: file not found$/);
  assert.ok(shippedLatencyCheck(latency, 'shipped_latency') === undefined, 'the report validator accepts it');
});
