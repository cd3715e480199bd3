/**
 * `check` on an ONNX teacher, read without running it: the committed PyTorch teacher summarised (parameters by
 * hand: conv 1*32*9+32, conv 32*64*9+64, fc 3136*128+128, fc 128*10+10), and each diagnostic the editor gives
 * for a teacher that cannot work: layout, normalisation, logits width, unknown output or hint value, not ONNX.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyzeConfig } from '../../../src/core/analysis/analyze';
import { memoryFileSystem } from '../memory-fs';

const TEACHER = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'examples', 'teachers', 'fashion-cnn.onnx'));
const CONFIG = '/project/cfg.distill.yaml';

function check(teacher: string, extra = '', files: Record<string, string | Uint8Array> = {}) {
  const yaml = `version: 1
data: { source: fashion-mnist, limit: 2000 }
teacher:
${teacher}
student:
  layers:
    - dense: { units: 32, activation: relu, name: hidden }
    - dense: { units: 10 }
${extra}training: { early_stopping: { patience: 2 } }
`;
  return analyzeConfig(yaml, CONFIG, memoryFileSystem({ '/project/cnn.onnx': TEACHER, ...files }));
}

const codes = (a: ReturnType<typeof check>): string[] =>
  a.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`);

void test('the PyTorch teacher: parameterised nodes with hand-counted parameters, NCHW input, no errors', () => {
  const a = check('  model: cnn.onnx\n  input: { mean: [0.2860], std: [0.3530] }');
  assert.deepEqual(codes(a), []);
  const t = a.teacher!;
  assert.equal(t.origin, 'onnx');
  assert.deepEqual(t.inputShape, [1, 28, 28]);
  assert.deepEqual(
    t.layers.map((l) => [l.name, l.type, l.outputShape, l.params]),
    [
      ['/conv1/Conv', 'Conv', [32, 28, 28], 1 * 32 * 9 + 32],
      ['/conv2/Conv', 'Conv', [64, 14, 14], 32 * 64 * 9 + 64],
      ['/fc1/Gemm', 'Gemm', [128], 3136 * 128 + 128],
      ['/fc2/Gemm', 'Gemm', [10], 128 * 10 + 10],
    ],
  );
  assert.equal(t.params, 421_642);
  assert.equal(t.bytes, 421_642 * 4);
  assert.equal(t.outputUnits, 10);
  assert.ok(t.values!.some((v) => v.name === '/Relu_2_output_0' && v.outputShape[0] === 128));
});

void test('a layout that cannot fit: shape-mismatch saying which layout and normalisation were assumed', () => {
  const [message] = codes(check('  model: cnn.onnx\n  input: { layout: nhwc }'));
  assert.match(
    message!,
    /^shape-mismatch: Teacher model cnn.onnx: the teacher's input `input` has shape \[batch, 1, 28, 28\]/,
  );
  assert.match(message!, /Assumed: layout nhwc, mean \[0\] \(default\), std \[1\] \(default\)/);
});

void test('mean/std with the wrong number of values for the channels: shape-mismatch', () => {
  const [message] = codes(check('  model: cnn.onnx\n  input: { mean: [0.5, 0.5, 0.5] }'));
  assert.match(message!, /^shape-mismatch: .*teacher.input.mean has 3 values but the data has 1 channel/);
});

void test('logits width is not the class count: shape-mismatch on teacher.output', () => {
  const a = analyzeConfig(
    `version: 1
data: { source: iris }
teacher: { model: cnn.onnx }
student: { layers: [ { dense: { units: 3 } } ] }
`,
    CONFIG,
    memoryFileSystem({ '/project/cnn.onnx': TEACHER }),
  );
  const messages = codes(a);
  assert.ok(
    messages.some((m) =>
      /^shape-mismatch: The teacher's logits output gives 10 scores per example, but iris has 3 classes/.test(m),
    ),
    messages.join('\n'),
  );
  assert.ok(
    messages.some((m) => /cannot take examples of shape \[4\]/.test(m)),
    messages.join('\n'),
  );
});

void test('an unknown output and an unknown hint value: unknown-layer with did-you-mean', () => {
  const output = codes(check('  model: cnn.onnx\n  output: logit'));
  assert.deepEqual(output, [
    "unknown-layer: Teacher model cnn.onnx: the teacher has no output `logit`. Did you mean 'logits'? Its outputs: logits.",
  ]);
  const hint = codes(
    check(
      '  model: cnn.onnx',
      'distillation:\n  features:\n    - { teacher: /Relu_2_output, student: hidden, projection: linear }\n',
    ),
  );
  assert.equal(hint.length, 1);
  assert.match(
    hint[0]!,
    /^unknown-layer: The teacher has no value `\/Relu_2_output`\. Did you mean '\/Relu_2_output_0'\?/,
  );
});

void test('a hint on a graph value passes; a width mismatch without projection is reported', () => {
  assert.deepEqual(
    codes(
      check(
        '  model: cnn.onnx',
        'distillation:\n  features:\n    - { teacher: /Relu_2_output_0, student: hidden, projection: linear }\n',
      ),
    ),
    [],
  );
  const [message] = codes(
    check('  model: cnn.onnx', 'distillation:\n  features:\n    - { teacher: /Relu_2_output_0, student: hidden }\n'),
  );
  assert.match(
    message!,
    /^shape-mismatch: Hint pair 1: teacher layer `\/Relu_2_output_0` outputs \[128\], student layer `hidden` outputs \[32\]/,
  );
});

void test('a file that is not ONNX, or cut short: missing-file saying so', () => {
  const notes = codes(check('  model: notes.onnx', '', { '/project/notes.onnx': 'my notes\n' }));
  assert.equal(notes.length, 1);
  assert.match(notes[0]!, /^missing-file: Teacher model notes.onnx is not usable: .*not an ONNX model/);
  const cut = codes(check('  model: cut.onnx', '', { '/project/cut.onnx': TEACHER.subarray(0, 1000) }));
  assert.match(cut[0]!, /^missing-file: Teacher model cut.onnx is not usable: .*(truncated|not an ONNX model)/);
  assert.match(codes(check('  model: absent.onnx'))[0]!, /^missing-file: Teacher model not found: absent.onnx/);
});

void test('student.from_teacher cannot shrink an ONNX teacher: check says so, as train would', () => {
  const a = analyzeConfig(
    `version: 1
data: { source: fashion-mnist, limit: 2000 }
teacher: { model: cnn.onnx }
student: { from_teacher: { width: 0.25 } }
`,
    CONFIG,
    memoryFileSystem({ '/project/cnn.onnx': TEACHER }),
  );
  assert.ok(
    codes(a).some((m) => /cannot shrink an ONNX teacher/.test(m)),
    codes(a).join('\n'),
  );
});
