/** A graph model's nodes read without running them: shapes of conv, pool, reshape and matmul; parameters per node; outputs without a signature. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readModelJson } from '../../../src/core/model/model-json';

const dims = (shape: number[]) => ({ dim: shape.map((d) => ({ size: String(d) })) });
const b64 = (text: string): string => Buffer.from(text).toString('base64');
const constant = (name: string, shape: number[], dtype = 'DT_FLOAT') => ({
  name,
  op: 'Const',
  attr: { value: { tensor: { dtype, tensorShape: dims(shape) } } },
});

void test('conv, pool, reshape and matmul nodes get shapes and parameters; the unconsumed node is the output', () => {
  const weights = [
    { name: 'conv/kernel', shape: [3, 3, 1, 4], dtype: 'float32' },
    { name: 'conv/bias', shape: [4], dtype: 'float32' },
    { name: 'flatten/shape', shape: [2], dtype: 'int32' },
    { name: 'dense/kernel', shape: [36, 10], dtype: 'float32' },
    { name: 'dense/bias', shape: [10], dtype: 'float32' },
  ];
  const text = JSON.stringify({
    format: 'graph-model',
    modelTopology: {
      node: [
        ...weights.map((w) => constant(w.name, w.shape, w.dtype === 'int32' ? 'DT_INT32' : 'DT_FLOAT')),
        { name: 'image', op: 'Placeholder', attr: { shape: { shape: dims([-1, 8, 8, 1]) } } },
        {
          name: 'conv/Relu',
          op: '_FusedConv2D',
          input: ['image', 'conv/kernel', 'conv/bias'],
          attr: { strides: { list: { i: ['1', '1', '1', '1'] } }, padding: { s: b64('VALID') } },
        },
        {
          name: 'pool',
          op: 'MaxPool',
          input: ['conv/Relu'],
          attr: {
            ksize: { list: { i: ['1', '2', '2', '1'] } },
            strides: { list: { i: ['1', '2', '2', '1'] } },
            padding: { s: b64('VALID') },
          },
        },
        { name: 'flatten/Reshape', op: 'Reshape', input: ['pool', 'flatten/shape'] },
        { name: 'dense/BiasAdd', op: '_FusedMatMul', input: ['flatten/Reshape', 'dense/kernel', 'dense/bias'] },
        { name: 'probs', op: 'Softmax', input: ['dense/BiasAdd'] },
      ],
    },
    weightsManifest: [{ paths: ['w.bin'], weights }],
  });
  const read = readModelJson(text);
  assert.ok(read.ok && read.model.format === 'graph-model', read.ok ? '' : read.message);
  const { graph } = read.model;
  assert.deepEqual(graph.input, { name: 'image', shape: [8, 8, 1] });
  assert.deepEqual(graph.outputs, ['probs']);
  assert.deepEqual(
    graph.nodes.map((n) => [n.name, n.shape, n.params]),
    [
      ['image', [8, 8, 1], 0],
      ['conv/Relu', [6, 6, 4], 3 * 3 * 4 + 4],
      ['pool', [3, 3, 4], 0],
      ['flatten/Reshape', [36], 0],
      ['dense/BiasAdd', [10], 36 * 10 + 10],
      ['probs', [10], 0],
    ],
  );
  assert.deepEqual(
    read.model.declared.map((d) => d.className),
    ['Placeholder', '_FusedConv2D', 'MaxPool', 'Reshape', '_FusedMatMul', 'Softmax'],
  );
});
