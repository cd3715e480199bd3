/** Model summaries checked against parameter and FLOP counts worked out by hand. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeConfig } from '../../../src/core/analysis/analyze';
import { readModelJson } from '../../../src/core/model/model-json';
import { summarizeDefs } from '../../../src/core/model/summarize-defs';
import { memoryFileSystem } from '../memory-fs';

const CONFIG = '/project/cfg.distill.yaml';

const analyze = (yaml: string, files: Record<string, string> = {}) =>
  analyzeConfig(yaml, CONFIG, memoryFileSystem(files));

void test('dense layers on MNIST flatten the image first: 784*32+32 params, 2*784*32+32 FLOPs', () => {
  const a = analyze(`version: 1
data: { source: mnist }
teacher: { layers: [ { dense: { units: 64, activation: relu } }, { dense: { units: 10 } } ] }
student:
  layers:
    - dense: { units: 32, activation: relu, name: hidden }
    - dense: { units: 10, use_bias: false }
training: { early_stopping: { patience: 3 } }
`);
  const s = a.student;
  assert.ok(s, 'student summary');
  assert.deepEqual(s.inputShape, [28, 28, 1]);
  assert.deepEqual(
    s.layers.map((l) => [l.name, l.type, l.outputShape, l.params, l.flops]),
    [
      ['hidden', 'dense', [32], 784 * 32 + 32, 2 * 784 * 32 + 32],
      ['dense_2', 'dense', [10], 32 * 10, 2 * 32 * 10],
    ],
  );
  assert.equal(s.params, 25_440);
  assert.equal(s.bytes, 25_440 * 4);
  assert.equal(s.outputUnits, 10);
  assert.equal(a.teacher?.params, 784 * 64 + 64 + 64 * 10 + 10);
  assert.equal(a.dataset?.name, 'mnist');
  assert.deepEqual(a.diagnostics, []);
});

void test('conv, pooling, batch norm, global pooling: shapes, params and FLOPs by hand', () => {
  const a = analyze(`version: 1
data: { source: fashion-mnist, limit: 1000 }
teacher:
  layers:
    - conv2d: { filters: 8, kernel_size: 3, padding: valid }
    - batch_normalization: {}
    - max_pooling2d: { pool_size: 2 }
    - conv2d: { filters: 16, kernel_size: 3, strides: 2 }
    - global_average_pooling2d
    - dense: { units: 10 }
student: { layers: [ { dense: { units: 10 } } ] }
training: { early_stopping: { patience: 3 } }
`);
  const t = a.teacher;
  assert.ok(t, 'teacher summary');
  // conv 3x3 valid: 28 -> 26; params 3*3*1*8 + 8 = 80; FLOPs 26*26*(2*72 + 8).
  // BN: 4*8 params, 2 FLOPs per element. Pool 2: 26 -> 13, 13*13*8*4 reads.
  // conv 3x3 same stride 2: 13 -> 7; params 3*3*8*16 + 16 = 1168; FLOPs 7*7*(2*1152 + 16).
  // GAP: 7*7*16 reads. Dense 16 -> 10: 170 params, 2*160 + 10 FLOPs.
  assert.deepEqual(
    t.layers.map((l) => [l.name, l.outputShape, l.params, l.flops]),
    [
      ['conv2d_1', [26, 26, 8], 80, 26 * 26 * 152],
      ['batch_normalization_1', [26, 26, 8], 32, 2 * 26 * 26 * 8],
      ['max_pooling2d_1', [13, 13, 8], 0, 13 * 13 * 8 * 4],
      ['conv2d_2', [7, 7, 16], 1168, 49 * 2320],
      ['global_average_pooling2d_1', [16], 0, 7 * 7 * 16],
      ['dense_1', [10], 170, 330],
    ],
  );
  assert.equal(t.params, 80 + 32 + 1168 + 170);
  assert.equal(a.dataset?.examples, 1000, 'data.limit caps the examples');
  assert.equal(
    a.dataset?.classCounts.reduce((x, y) => x + y, 0),
    1000,
  );
});

void test('a functional model.json: layers, inputs and manifest params; from_teacher refuses its branches', () => {
  const modelJson = JSON.stringify({
    modelTopology: {
      class_name: 'Model',
      config: {
        layers: [
          {
            class_name: 'InputLayer',
            name: 'in',
            config: { name: 'in', batch_input_shape: [null, 4] },
            inbound_nodes: [],
          },
          { class_name: 'Dense', name: 'a', config: { name: 'a', units: 20 }, inbound_nodes: [[['in', 0, 0, {}]]] },
          { class_name: 'Dense', name: 'b', config: { name: 'b', units: 20 }, inbound_nodes: [[['in', 0, 0, {}]]] },
          {
            class_name: 'Concatenate',
            name: 'cat',
            config: { name: 'cat', axis: -1 },
            inbound_nodes: [
              [
                ['a', 0, 0, {}],
                ['b', 0, 0, {}],
              ],
            ],
          },
          { class_name: 'Dense', name: 'out', config: { name: 'out', units: 3 }, inbound_nodes: [[['cat', 0, 0, {}]]] },
        ],
      },
    },
    weightsManifest: [
      {
        paths: ['w.bin'],
        weights: [
          { name: 'a/kernel', shape: [4, 20] },
          { name: 'a/bias', shape: [20] },
        ],
      },
    ],
  });
  const a = analyze(
    `version: 1
data: { source: iris }
teacher: { model: teacher/model.json }
student: { from_teacher: { width: 0.25 } }
training: { early_stopping: { patience: 3 } }
`,
    { '/project/teacher/model.json': modelJson, '/project/teacher/w.bin': '' },
  );
  const t = a.teacher;
  assert.ok(t, 'teacher summary');
  assert.equal(t.origin, 'model.json');
  assert.deepEqual(
    t.layers.map((l) => [l.name, l.type, l.outputShape, l.params]),
    [
      ['a', 'dense', [20], 100],
      ['b', 'dense', [20], 100],
      ['cat', 'concatenate', [40], 0],
      ['out', 'dense', [3], 123],
    ],
  );
  // A derived student is one chain of config layers (what the trainer builds): the branches merged by
  // `cat` cannot be copied, and check says so exactly as train would.
  assert.equal(a.student, undefined);
  assert.deepEqual(
    a.diagnostics.map((d) => [d.code, d.range.start.line]),
    [['unknown-layer', 3]],
  );
  assert.match(
    a.diagnostics[0]!.message,
    /cannot shrink the teacher's Concatenate layer 'cat': it merges 2 branches \(a, b\)/,
  );
});

void test('a Keras Dense on an image applies to the last axis (no flatten), unlike a config dense', () => {
  const read = readModelJson(
    JSON.stringify({
      modelTopology: {
        class_name: 'Sequential',
        config: {
          layers: [{ class_name: 'Dense', config: { name: 'd', units: 5, batch_input_shape: [null, 4, 4, 2] } }],
        },
      },
      weightsManifest: [],
    }),
  );
  assert.ok(read.ok && read.model.format === 'layers-model');
  const result = summarizeDefs(read.model.defs, read.model.inputShape ?? [], 'model.json', ['teacher']);
  assert.deepEqual(result.summary?.layers[0]?.outputShape, [4, 4, 5]);
  assert.equal(result.summary?.params, 2 * 5 + 5);
});

void test('corrupt model.json files get a clear reason, not an exception', () => {
  const cases: [string, RegExp][] = [
    ['[1, 2]', /not a JSON object/],
    ['{}', /no `modelTopology`/],
    ['{"modelTopology": {"class_name": "Sequential", "config": {"layers": []}}}', /lists no layers/],
    [
      '{"modelTopology": {"class_name": "Sequential", "config": {"layers": [{"class_name": "Dense", "config": {"units": -3}}]}}}',
      /positive integer `units`/,
    ],
  ];
  for (const [text, reason] of cases) {
    const read = readModelJson(text);
    assert.equal(read.ok, false, text);
    if (!read.ok) assert.match(read.message, reason);
  }
});

void test('CSV data: numeric columns, one-hot text columns, label counts; image folders count files per class', () => {
  const csv = 'height,colour,label\n1.5,red,a\n2.5,blue,b\n3,"green, dark",a\n4,red,b\n';
  const csvConfig = `version: 1
data: { source: { csv: data.csv, label: label } }
teacher: { layers: [ { dense: { units: 2 } } ] }
student: { layers: [ { dense: { units: 2 } } ] }
`;
  const a = analyze(csvConfig, { '/project/data.csv': csv });
  // 1 numeric column + 3 distinct colours.
  assert.deepEqual(a.dataset?.inputShape, [4]);
  assert.deepEqual(a.dataset?.classNames, ['a', 'b']);
  assert.deepEqual(a.dataset?.classCounts, [2, 2]);
  // An empty cell in a numeric column is the error the trainer stops on, not a row silently dropped.
  const gap = analyze(csvConfig, { '/project/data.csv': csv.replace('4,red,b', ',red,b') });
  assert.equal(gap.dataset, undefined);
  assert.ok(
    gap.diagnostics.some((d) => d.message === "data.csv:5: missing value in numeric column 'height'."),
    gap.diagnostics.map((d) => d.message).join('\n'),
  );
  const images = analyze(
    `version: 1
data: { source: { images: pics, size: 8, grayscale: true } }
teacher: { layers: [ { dense: { units: 2 } } ] }
student: { layers: [ { dense: { units: 2 } } ] }
`,
    {
      '/project/pics/cat/1.png': '',
      '/project/pics/cat/2.jpg': '',
      '/project/pics/dog/1.PNG': '',
      '/project/pics/dog/notes.txt': '',
    },
  );
  assert.deepEqual(images.dataset?.inputShape, [8, 8, 1]);
  assert.deepEqual(images.dataset?.classCounts, [2, 1]);
  assert.equal(images.student?.params, 64 * 2 + 2);
});
