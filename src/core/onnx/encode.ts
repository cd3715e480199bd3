/**
 * Building ONNX models from plain values: tensors, nodes and graphs as the protobuf messages of
 * `onnx-proto`, encoded to the bytes of a .onnx file. Pure: no runtime, no file access.
 */
import { onnx } from './onnx-proto';

export const OnnxType = onnx.TensorProto.DataType;

/** IR version 7 pairs with opset 13, which has every operator the exporter writes (Cast from INT8 included). */
export const ONNX_IR_VERSION = 7;
export const ONNX_OPSET = 13;

export type AttributeValue = number | readonly number[] | string;

/** An initializer from typed values (little-endian raw data, as onnxruntime reads it). */
export function tensorOf(
  name: string,
  dims: readonly number[],
  values: Float32Array | Int8Array | Uint16Array | BigInt64Array,
  dataType: number,
): onnx.ITensorProto {
  const raw = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  return { name, dims: [...dims], dataType, rawData: raw.slice() };
}

export function floatTensor(name: string, dims: readonly number[], values: Float32Array): onnx.ITensorProto {
  return tensorOf(name, dims, values, OnnxType.FLOAT);
}

export function int64Tensor(name: string, values: readonly number[]): onnx.ITensorProto {
  return tensorOf(
    name,
    [values.length],
    BigInt64Array.from(values, (v) => BigInt(v)),
    OnnxType.INT64,
  );
}

function attribute(name: string, value: AttributeValue): onnx.IAttributeProto {
  const { AttributeType } = onnx.AttributeProto;
  if (typeof value === 'string') return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
  if (typeof value === 'number')
    return Number.isInteger(value)
      ? { name, type: AttributeType.INT, i: value }
      : { name, type: AttributeType.FLOAT, f: value };
  return { name, type: AttributeType.INTS, ints: [...value] };
}

/** A float attribute even when the value is a whole number (e.g. an epsilon of 1 or alpha of 1). */
export function floatAttribute(name: string, value: number): onnx.IAttributeProto {
  return { name, type: onnx.AttributeProto.AttributeType.FLOAT, f: value };
}

export function node(
  opType: string,
  inputs: readonly string[],
  outputs: readonly string[],
  attributes: Readonly<Record<string, AttributeValue | onnx.IAttributeProto>> = {},
): onnx.INodeProto {
  return {
    opType,
    input: [...inputs],
    output: [...outputs],
    name: outputs[0] ?? opType,
    attribute: Object.entries(attributes).map(([name, value]) =>
      typeof value === 'object' && !Array.isArray(value)
        ? (value as onnx.IAttributeProto)
        : attribute(name, value as AttributeValue),
    ),
  };
}

/** A float tensor value: dims are sizes, or names of symbolic sizes (`batch`). */
export function floatValue(name: string, dims: readonly (number | string)[]): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: OnnxType.FLOAT,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

export interface ModelParts {
  readonly graphName: string;
  readonly nodes: readonly onnx.INodeProto[];
  readonly initializers: readonly onnx.ITensorProto[];
  readonly inputs: readonly onnx.IValueInfoProto[];
  readonly outputs: readonly onnx.IValueInfoProto[];
  readonly producerVersion: string;
  readonly docString?: string;
  /** Written as the model's metadata_props (what onnxruntime's `session.metadata` / Netron show). */
  readonly metadata: Readonly<Record<string, string>>;
}

export function encodeModel(parts: ModelParts): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: ONNX_IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'Distillery',
    producerVersion: parts.producerVersion,
    ...(parts.docString ? { docString: parts.docString } : {}),
    graph: {
      name: parts.graphName,
      node: [...parts.nodes],
      initializer: [...parts.initializers],
      input: [...parts.inputs],
      output: [...parts.outputs],
    },
    metadataProps: Object.entries(parts.metadata).map(([key, value]) => ({ key, value })),
  });
  return onnx.ModelProto.encode(model).finish();
}
