/** `distillery inspect model.onnx` as a user runs it: the graph read without running it, in text and JSON. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { type CliResult, runCliFromSource } from './cli-from-source';

const TEACHER = 'examples/teachers/fashion-cnn.onnx';

const cli = (...args: string[]): CliResult => runCliFromSource(args);

void test('inspect model.onnx prints inputs, outputs, parameterised nodes, totals and hint values', () => {
  const text = cli('inspect', TEACHER);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^examples\/teachers\/fashion-cnn.onnx: ONNX, opset 13, from pytorch/m);
  assert.match(text.stdout, /^input {2}input \[batch, 1, 28, 28\]$/m);
  assert.match(text.stdout, /^output logits \[batch, 10\]$/m);
  assert.match(text.stdout, /^\/fc1\/Gemm\s+Gemm\s+\/fc1\/Gemm_output_0\s+\[batch, 128\]\s+401536$/m);
  assert.match(text.stdout, /^total: 421642 parameters/m);
  assert.match(text.stdout, /^ {2}\/Relu_2_output_0 \[batch, 128\]$/m);
  const json = JSON.parse(cli('inspect', TEACHER, '--format', 'json').stdout) as {
    params: number;
    nodes: { name: string; params: number }[];
    values: { name: string }[];
  };
  assert.equal(json.params, 421_642);
  assert.equal(
    json.nodes.reduce((n, node) => n + node.params, 0),
    json.params,
  );
  assert.equal(json.values.length, 10);
});

void test('inspect of a file that is not ONNX exits 1 naming it', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'distillery-cli-onnx-')), 'notes.onnx');
  fs.writeFileSync(file, 'not a model\n');
  const result = cli('inspect', file);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /notes\.onnx: .*not an ONNX model/);
});
