/**
 * Writes a TF.js graph model the way `tensorflowjs_converter` does from a Keras SavedModel (TF.js itself can
 * only write Layers models): a GraphDef in JSON with Const nodes for the weights, a Placeholder input,
 * `_FusedMatMul` nodes with their fused ops base64-encoded, a `signature`, and the weights in
 * `groupN-shardMofK.bin` files. Format read from the converter's output (tfjs-converter 4.x, e.g. a model
 * converted by "TensorFlow.js Converter v4.22.0"). The weights come from a trained Layers MLP, so the graph
 * model is the same classifier.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as tf from '@tensorflow/tfjs';

const b64 = (text: string): string => Buffer.from(text).toString('base64');
const dims = (shape: readonly number[]) => ({ dim: shape.map((d) => ({ size: String(d) })) });
const FLOAT = { type: 'DT_FLOAT' };

export interface GraphModelOptions {
  /** End in a Softmax node (the converter keeps a Keras softmax activation as one). */
  readonly softmax?: boolean;
  /** Split the weights into this many shard files. */
  readonly shards?: number;
  /** A second Placeholder input (for the refusal test). */
  readonly extraInput?: boolean;
}

/** Node name of the fused dense op of Keras layer `layer` (`.../Relu` when it ends in relu). */
export const denseNode = (layer: string, relu: boolean): string =>
  `StatefulPartitionedCall/sequential/${layer}/${relu ? 'Relu' : 'BiasAdd'}`;

/** Converts `model` (Dense layers only, relu or linear/softmax) into a graph model in `dir`; returns model.json's path. */
export function writeGraphModel(model: tf.LayersModel, dir: string, options: GraphModelOptions = {}): string {
  const inputShape = model.inputs[0]!.shape.slice(1) as number[];
  const nodes: object[] = [];
  const weights: { name: string; shape: number[]; data: Float32Array }[] = [];
  const constNode = (name: string, shape: number[]): object => ({
    name,
    op: 'Const',
    attr: { value: { tensor: { dtype: 'DT_FLOAT', tensorShape: dims(shape) } }, dtype: FLOAT },
  });
  const placeholder = (name: string): object => ({
    name,
    op: 'Placeholder',
    attr: { shape: { shape: dims([-1, ...inputShape]) }, dtype: FLOAT },
  });
  let previous = 'dense_input';
  const ops: object[] = [placeholder(previous), ...(options.extraInput ? [placeholder('mask_input')] : [])];
  for (const layer of model.layers) {
    if (layer.getClassName() !== 'Dense') continue;
    const [kernel, bias] = layer.getWeights();
    const activation = (layer.getConfig() as { activation?: string }).activation;
    const base = `StatefulPartitionedCall/sequential/${layer.name}`;
    for (const [suffix, tensor] of [
      ['MatMul/ReadVariableOp', kernel!],
      ['BiasAdd/ReadVariableOp', bias!],
    ] as const) {
      nodes.push(constNode(`${base}/${suffix}`, tensor.shape));
      weights.push({ name: `${base}/${suffix}`, shape: tensor.shape, data: tensor.dataSync() as Float32Array });
    }
    const relu = activation === 'relu';
    const name = denseNode(layer.name, relu);
    ops.push({
      name,
      op: '_FusedMatMul',
      input: [previous, `${base}/MatMul/ReadVariableOp`, `${base}/BiasAdd/ReadVariableOp`],
      device: '/device:CPU:0',
      attr: {
        transpose_a: { b: false },
        transpose_b: { b: false },
        fused_ops: { list: { s: (relu ? ['BiasAdd', 'Relu'] : ['BiasAdd']).map(b64) } },
        num_args: { i: '1' },
        epsilon: { f: 0 },
        T: FLOAT,
      },
    });
    previous = name;
    if (activation === 'softmax' && options.softmax) {
      ops.push({ name: `${base}/Softmax`, op: 'Softmax', input: [previous], attr: { T: FLOAT } });
      previous = `${base}/Softmax`;
    }
  }
  const outputWidth = (model.outputs[0]!.shape[1] ?? 0) as number;
  ops.push({ name: 'Identity', op: 'Identity', input: [previous], attr: { T: FLOAT } });
  const all = new Float32Array(weights.reduce((n, w) => n + w.data.length, 0));
  let offset = 0;
  for (const w of weights) {
    all.set(w.data, offset);
    offset += w.data.length;
  }
  const bytes = new Uint8Array(all.buffer);
  const shards = options.shards ?? 1;
  const shardSize = Math.ceil(bytes.length / shards);
  const paths = Array.from({ length: shards }, (_, i) => `group1-shard${i + 1}of${shards}.bin`);
  fs.mkdirSync(dir, { recursive: true });
  paths.forEach((p, i) => fs.writeFileSync(path.join(dir, p), bytes.subarray(i * shardSize, (i + 1) * shardSize)));
  const json = {
    format: 'graph-model',
    generatedBy: '2.15.0',
    convertedBy: 'TensorFlow.js Converter v4.22.0 (written by Distillery tests)',
    signature: {
      inputs: { dense_input: { name: 'dense_input:0', dtype: 'DT_FLOAT', tensorShape: dims([-1, ...inputShape]) } },
      outputs: { output_0: { name: 'Identity:0', dtype: 'DT_FLOAT', tensorShape: dims([-1, outputWidth]) } },
    },
    modelTopology: { node: [...nodes, ...ops], library: {}, versions: { producer: 1645 } },
    weightsManifest: [{ paths, weights: weights.map((w) => ({ name: w.name, shape: w.shape, dtype: 'float32' })) }],
  };
  const file = path.join(dir, 'model.json');
  fs.writeFileSync(file, JSON.stringify(json));
  return file;
}
