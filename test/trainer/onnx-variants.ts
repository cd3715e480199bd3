/**
 * The committed PyTorch teacher (examples/teachers/fashion-cnn.onnx) and edited copies of it for the tests:
 * channels-last input, a Softmax at the end, a NaN output, an operator onnxruntime does not know, a wrong rank.
 * Edits go through onnx-proto, as a user's exporter would write them; the committed file is never touched.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeModel, reencodeModel } from '../../src/core/onnx/decode';
import { onnx } from '../../src/core/onnx/onnx-proto';
import { REPO } from './helpers';

export const TEACHER_FILE = path.join(REPO, 'examples', 'teachers', 'fashion-cnn.onnx');
export const REFERENCE_FILE = path.join(REPO, 'examples', 'teachers', 'fashion-cnn.reference.json');

export interface Reference {
  readonly held_out_accuracy: number;
  readonly input: { readonly mean: number[]; readonly std: number[] };
  readonly reference: { readonly pixels: number[][]; readonly logits: number[][]; readonly labels: number[] };
}

export function readReference(): Reference {
  if (!fs.existsSync(TEACHER_FILE) || !fs.existsSync(REFERENCE_FILE))
    throw new Error(
      `The committed teacher is missing (${TEACHER_FILE}); it is made by scripts/teachers/train_fashion_cnn.py.`,
    );
  return JSON.parse(fs.readFileSync(REFERENCE_FILE, 'utf8')) as Reference;
}

/** The reference images as the data holds them: pixels in [0, 1], channels-last [n, 28, 28, 1]. */
export function referencePixels(reference: Reference): Float32Array {
  return Float32Array.from(reference.reference.pixels.flat(), (v) => v / 255);
}

function teacherModel(): onnx.ModelProto {
  const decoded = decodeModel(fs.readFileSync(TEACHER_FILE));
  if (!decoded.ok) throw new Error(decoded.message);
  return decoded.model;
}

const floatInfo = (name: string, dims: readonly (number | string)[]): onnx.IValueInfoProto => ({
  name,
  type: {
    tensorType: {
      elemType: onnx.TensorProto.DataType.FLOAT,
      shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
    },
  },
});

function edited(edit: (graph: onnx.IGraphProto, model: onnx.IModelProto) => void): Uint8Array {
  const model = teacherModel();
  edit(model.graph!, model);
  return reencodeModel(model);
}

/** The same network taking channels-last input [batch, 28, 28, 1] (a Transpose in front), as a Keras export would. */
export function channelsLastTeacher(): Uint8Array {
  return edited((graph) => {
    const original = graph.input![0]!.name!;
    graph.input = [floatInfo('input_nhwc', ['batch', 28, 28, 1])];
    graph.node!.unshift({
      opType: 'Transpose',
      name: 'to_nchw',
      input: ['input_nhwc'],
      output: [original],
      attribute: [{ name: 'perm', type: onnx.AttributeProto.AttributeType.INTS, ints: [0, 3, 1, 2] }],
    });
  });
}

/** The network ending in a Softmax: its only output `probabilities` holds class probabilities. */
export function probabilitiesTeacher(): Uint8Array {
  return edited((graph) => {
    const logits = graph.output![0]!.name!;
    graph.node!.push({
      opType: 'Softmax',
      name: 'softmax',
      input: [logits],
      output: ['probabilities'],
      attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 1 }],
    });
    graph.output = [floatInfo('probabilities', ['batch', 10])];
  });
}

/** Logits multiplied by NaN: a broken export that runs but emits NaN. */
export function nanTeacher(): Uint8Array {
  return edited((graph) => {
    const logits = graph.output![0]!.name!;
    graph.initializer!.push({ name: 'nan', dims: [1], dataType: onnx.TensorProto.DataType.FLOAT, floatData: [NaN] });
    graph.node!.push({ opType: 'Mul', name: 'poison', input: [logits, 'nan'], output: ['poisoned'] });
    graph.output = [floatInfo('poisoned', ['batch', 10])];
  });
}

/** An operator from a custom domain onnxruntime has never heard of. */
export function unknownOperatorTeacher(): Uint8Array {
  return edited((graph, model) => {
    model.opsetImport = [...(model.opsetImport ?? []), { domain: 'com.example', version: 1 }];
    const logits = graph.output![0]!.name!;
    graph.node!.push({
      opType: 'FancyActivation',
      domain: 'com.example',
      name: 'fancy',
      input: [logits],
      output: ['fancy_out'],
    });
    graph.output = [floatInfo('fancy_out', ['batch', 10])];
  });
}

/** The input declared with the wrong rank: [batch, 28, 28] (no channel axis). */
export function wrongRankTeacher(): Uint8Array {
  return edited((graph) => {
    graph.input = [floatInfo(graph.input![0]!.name!, ['batch', 28, 28])];
  });
}
