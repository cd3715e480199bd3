/**
 * The one model.json reader: weight paths kept inside the model's folder (issue 15 row 5), several inputs
 * refused, and the one `from_teacher` derivation (what check reports is what train builds or refuses).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeConfig } from '../../../src/core/analysis/analyze';
import { deriveStudentLayers } from '../../../src/core/model/derive-student';
import { readModelJson } from '../../../src/core/model/model-json';
import { containedWeightPath } from '../../../src/core/model/weights-manifest';
import { memoryFileSystem } from '../memory-fs';

const dense = (name: string, units: number, inbound?: string, activation = 'linear') => ({
  class_name: 'Dense',
  name,
  config: { name, units, activation },
  ...(inbound ? { inbound_nodes: [[[inbound, 0, 0, {}]]] } : {}),
});

function sequential(
  paths: string[],
  layers: object[] = [dense('hidden', 3), dense('out', 2)],
  className = 'Sequential',
): string {
  (layers[0] as { config: Record<string, unknown> }).config.batch_input_shape = [null, 4];
  return JSON.stringify({
    format: 'layers-model',
    modelTopology: { class_name: className, config: { name: 's', layers } },
    weightsManifest: [{ paths, weights: [{ name: 'hidden/kernel', shape: [4, 3], dtype: 'float32' }] }],
  });
}

void test('weight paths: relative ones are normalised; absolute, URL and climbing ones are refused', () => {
  assert.deepEqual(containedWeightPath('weights.bin'), { ok: true, path: 'weights.bin' });
  assert.deepEqual(containedWeightPath('./shards//a/../group1-shard1of1.bin'), {
    ok: true,
    path: 'shards/group1-shard1of1.bin',
  });
  const refused: [string, RegExp][] = [
    ['../../../../../etc/passwd', /leaves the model's folder/],
    ['../../secret/secret.bin', /leaves the model's folder/],
    ['a/../../weights.bin', /leaves the model's folder/],
    ['/etc/passwd', /is absolute/],
    ['\\\\server\\share\\w.bin', /is absolute/],
    ['C:\\weights.bin', /URL or a drive path/],
    ['file:///etc/passwd', /URL or a drive path/],
    ['https://example.com/w.bin', /URL or a drive path/],
    ['', /is empty/],
    ['.', /folder itself/],
  ];
  for (const [entry, reason] of refused) {
    const result = containedWeightPath(entry);
    assert.equal(result.ok, false, entry);
    if (!result.ok) assert.match(result.reason, reason, entry);
  }
});

void test('check refuses a manifest path outside the model folder, naming the model and the path', () => {
  for (const entry of ['../../../../../etc/passwd', '../../secret/secret.bin', '/etc/passwd']) {
    const a = analyzeConfig(
      `version: 1
data: { source: iris }
teacher: { model: teacher/model.json }
student: { layers: [ { dense: { units: 3 } } ] }
`,
      '/project/cfg.distill.yaml',
      // The escaping target exists: the refusal comes from the path, not from a missing file.
      memoryFileSystem({
        '/project/teacher/model.json': sequential([entry]),
        '/etc/passwd': 'x',
        '/secret/secret.bin': 'x'.repeat(48),
      }),
    );
    const errors = a.diagnostics.filter((d) => d.severity === 'error');
    assert.equal(errors.length, 1, entry);
    assert.equal(errors[0]!.code, 'missing-file');
    assert.equal(errors[0]!.range.start.line, 2);
    assert.ok(
      errors[0]!.message.includes(
        `Teacher model teacher/model.json cannot be used: its weightsManifest path '${entry}'`,
      ),
    );
    assert.match(errors[0]!.message, /weight files must be inside the model's folder/);
  }
});

void test('a functional model with two inputs or two outputs is refused, naming them', () => {
  const cases: [string, string, string, RegExp][] = [
    ['input_layers', 'pixels', 'extra', /it has 2 inputs \(pixels, extra\); a teacher takes the data as one input/],
    [
      'output_layers',
      'logits',
      'aux',
      /it has 2 outputs \(logits, aux\); a teacher gives its class logits as one output/,
    ],
  ];
  for (const [key, first, second, reason] of cases) {
    const config = {
      layers: [dense('a', 2)],
      [key]: [
        [first, 0, 0],
        [second, 0, 0],
      ],
    };
    const read = readModelJson(
      JSON.stringify({ modelTopology: { class_name: 'Functional', config }, weightsManifest: [] }),
    );
    assert.equal(read.ok, false, key);
    if (!read.ok) assert.match(read.message, reason);
  }
});

void test('from_teacher on a chain: widths scaled, activation layers folded, the trailing softmax dropped', () => {
  const read = readModelJson(
    sequential(
      ['w.bin'],
      [
        dense('hidden', 40),
        { class_name: 'ReLU', name: 'act', config: { name: 'act' } },
        { class_name: 'Dropout', name: 'drop', config: { name: 'drop', rate: 0.2 } },
        dense('out', 3),
        { class_name: 'Softmax', name: 'probs', config: { name: 'probs' } },
      ],
    ),
  );
  assert.ok(read.ok && read.model.format === 'layers-model');
  const derived = deriveStudentLayers(read.model.defs, 0.25);
  assert.ok(derived.ok);
  assert.deepEqual(derived.layers, [
    { type: 'dense', units: 10, activation: 'relu', use_bias: true, name: 'hidden' },
    { type: 'dropout', rate: 0.2, name: 'drop' },
    { type: 'dense', units: 3, activation: 'linear', use_bias: true, name: 'out' },
  ]);
});

void test('from_teacher refuses what a chain cannot copy, naming the layer', () => {
  const cases: [object[], RegExp][] = [
    [
      [
        dense('a', 4),
        dense('b', 4, 'a'),
        {
          class_name: 'Add',
          name: 'skip',
          config: { name: 'skip' },
          inbound_nodes: [
            [
              ['a', 0, 0, {}],
              ['b', 0, 0, {}],
            ],
          ],
        },
        dense('out', 2, 'skip'),
      ],
      /the teacher's Add layer 'skip': it merges 2 branches \(a, b\)/,
    ],
    [
      [dense('a', 4), { class_name: 'LSTM', name: 'rnn', config: { name: 'rnn', units: 3 } }, dense('out', 2)],
      /the teacher's LSTM layer 'rnn': the config language has no such layer/,
    ],
    [
      [dense('a', 4, undefined, 'relu'), { class_name: 'ReLU', name: 'act', config: { name: 'act' } }, dense('out', 2)],
      /the teacher's ReLU layer 'act': a standalone activation can only follow/,
    ],
  ];
  for (const [layers, reason] of cases) {
    const read = readModelJson(sequential(['w.bin'], layers, 'Functional'));
    assert.ok(read.ok && read.model.format === 'layers-model');
    const derived = deriveStudentLayers(read.model.defs, 0.5);
    assert.equal(derived.ok, false);
    if (!derived.ok) {
      assert.match(derived.message, reason);
      assert.match(derived.message, /Define student\.layers instead/);
    }
  }
});
