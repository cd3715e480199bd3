/** `distillery inspect` of a TF.js graph model: its input, outputs and parameterised nodes, read without running it. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { type CliResult, runCliFromSource } from './cli-from-source';
import * as tf from '@tensorflow/tfjs';
import { denseNode, writeGraphModel } from '../trainer/graph-model-writer';

const cli = (...args: string[]): CliResult => runCliFromSource(args);

void test('inspect prints a graph model: input, output, parameterised nodes and totals; a missing shard names the file', async () => {
  await tf.setBackend('cpu');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'distillery-cli-graph-'));
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [6], units: 5, activation: 'relu', name: 'dense' }),
      tf.layers.dense({ units: 2, activation: 'softmax', name: 'dense_1' }),
    ],
  });
  const file = writeGraphModel(model, path.join(dir, 'graph'), { softmax: true, shards: 2 });
  const text = cli('inspect', file);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /graph model, input dense_input \[batch, 6\], output Identity/);
  assert.match(text.stdout, new RegExp(`^${denseNode('dense', true)}\\s+_FusedMatMul\\s+\\[batch, 5\\]\\s+35$`, 'm'));
  assert.match(
    text.stdout,
    new RegExp(`^${denseNode('dense_1', false)}\\s+_FusedMatMul\\s+\\[batch, 2\\]\\s+12$`, 'm'),
  );
  assert.match(text.stdout, /total: 47 parameters/);
  const json = JSON.parse(cli('inspect', file, '--format', 'json').stdout) as {
    format: string;
    input: string;
    outputs: string[];
    layers: { name: string; params: number }[];
    params: number;
  };
  assert.equal(json.format, 'graph-model');
  assert.deepEqual(json.outputs, ['Identity']);
  assert.deepEqual(
    json.layers.map((l) => l.params),
    [35, 12],
  );
  fs.rmSync(path.join(dir, 'graph', 'group1-shard1of2.bin'));
  const missing = cli('inspect', file);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /group1-shard1of2\.bin: weight file listed in .*model\.json is missing/);
});
