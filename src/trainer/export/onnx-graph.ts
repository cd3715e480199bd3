/**
 * A student (a TF.js Sequential model of the layer kinds `student.layers` allows) as an ONNX graph, opset 13.
 * Images enter in NCHW (the ONNX convention; Conv and pooling work on it); a Flatten first transposes back to
 * NHWC so dense kernels trained on TF.js's flattening order apply unchanged. Tabular input is [batch, features].
 * Output `logits`: [batch, classes], the values the TF.js model predicts.
 */
import type * as tf from '@tensorflow/tfjs';
import type { InputLayout } from '../../core/protocol/report';
import { encodeModel, floatAttribute, floatValue, node } from '../../core/onnx/encode';
import type { onnx } from '../../core/onnx/onnx-proto';
import type { QuantDtype } from '../compress/quantize';
import { onnxWeight, type WeightSpec } from './onnx-weights';

export const ONNX_INPUT = 'input';
export const ONNX_OUTPUT = 'logits';

interface Builder {
  readonly nodes: onnx.INodeProto[];
  readonly initializers: onnx.ITensorProto[];
  /** Current value name and its shape without the batch axis (NCHW order for images). */
  value: string;
  shape: number[];
}

interface LayerConfig {
  readonly activation?: string;
  readonly useBias?: boolean;
  readonly kernelSize?: number[];
  readonly strides?: number[];
  readonly poolSize?: number[];
  readonly padding?: string;
  readonly dilationRate?: number | number[];
  readonly epsilon?: number;
  readonly center?: boolean;
  readonly scale?: boolean;
  readonly axis?: number | number[];
  readonly dataFormat?: string;
}

function weight(b: Builder, spec: WeightSpec, dtype: QuantDtype | undefined): string {
  const w = onnxWeight(spec, dtype);
  b.nodes.push(...w.nodes);
  b.initializers.push(...w.initializers);
  return w.value;
}

function constant(b: Builder, name: string, values: number[]): string {
  b.initializers.push({ name, dims: [], dataType: 1, rawData: new Uint8Array(Float32Array.from(values).buffer) });
  return name;
}

function emit(b: Builder, op: string, inputs: string[], output: string, attributes = {}): void {
  b.nodes.push(node(op, inputs, [output], attributes));
  b.value = output;
}

function activate(b: Builder, activation: string | undefined, prefix: string): void {
  const x = b.value;
  switch (activation ?? 'linear') {
    case 'linear':
      return;
    case 'relu':
      return emit(b, 'Relu', [x], `${prefix}/relu`);
    case 'relu6':
      return emit(
        b,
        'Clip',
        [x, constant(b, `${prefix}/relu6_min`, [0]), constant(b, `${prefix}/relu6_max`, [6])],
        `${prefix}/relu6`,
      );
    case 'sigmoid':
      return emit(b, 'Sigmoid', [x], `${prefix}/sigmoid`);
    case 'tanh':
      return emit(b, 'Tanh', [x], `${prefix}/tanh`);
    case 'elu':
      return emit(b, 'Elu', [x], `${prefix}/elu`, { alpha: floatAttribute('alpha', 1) });
    case 'selu':
      // ONNX's default alpha and gamma are the SELU constants TF.js uses.
      return emit(b, 'Selu', [x], `${prefix}/selu`);
    case 'softplus':
      return emit(b, 'Softplus', [x], `${prefix}/softplus`);
    case 'softmax':
      return emit(b, 'Softmax', [x], `${prefix}/softmax`, { axis: -1 });
    case 'swish':
      emit(b, 'Sigmoid', [x], `${prefix}/swish_gate`);
      return emit(b, 'Mul', [x, b.value], `${prefix}/swish`);
    case 'gelu': {
      // x * 0.5 * (1 + erf(x / sqrt 2)), the exact form TF.js's gelu computes.
      emit(b, 'Div', [x, constant(b, `${prefix}/gelu_sqrt2`, [Math.SQRT2])], `${prefix}/gelu_scaled`);
      emit(b, 'Erf', [b.value], `${prefix}/gelu_erf`);
      emit(b, 'Add', [b.value, constant(b, `${prefix}/gelu_one`, [1])], `${prefix}/gelu_cdf2`);
      emit(b, 'Mul', [b.value, constant(b, `${prefix}/gelu_half`, [0.5])], `${prefix}/gelu_cdf`);
      return emit(b, 'Mul', [x, b.value], `${prefix}/gelu`);
    }
    default:
      throw new Error(`Activation '${activation}' has no ONNX export.`);
  }
}

const pair = (v: number | number[] | undefined, fallback: number): [number, number] =>
  Array.isArray(v) ? [v[0] ?? fallback, v[1] ?? v[0] ?? fallback] : [v ?? fallback, v ?? fallback];

/** Output size and [begin, end] padding of one spatial axis, as TF pads (`same`: the extra pixel at the end). */
function spatial(
  size: number,
  window: number,
  stride: number,
  padding: string,
): { out: number; pads: [number, number] } {
  if (padding !== 'same') return { out: Math.floor((size - window) / stride) + 1, pads: [0, 0] };
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + window - size, 0);
  return { out, pads: [Math.floor(total / 2), total - Math.floor(total / 2)] };
}

function windowed(b: Builder, window: [number, number], strides: [number, number], padding: string) {
  const [c, h, w] = b.shape as [number, number, number];
  const rows = spatial(h, window[0], strides[0], padding);
  const cols = spatial(w, window[1], strides[1], padding);
  return {
    outHw: [rows.out, cols.out] as const,
    channels: c,
    attributes: {
      kernel_shape: window,
      strides,
      pads: [rows.pads[0], cols.pads[0], rows.pads[1], cols.pads[1]],
    },
  };
}

function needsImage(b: Builder, layer: tf.layers.Layer): void {
  if (b.shape.length !== 3) throw new Error(`Layer ${layer.name} (${layer.getClassName()}) needs image input.`);
}

function addLayer(b: Builder, layer: tf.layers.Layer, dtype: QuantDtype | undefined): void {
  const config = layer.getConfig() as LayerConfig;
  const weights = layer.getWeights().map((t) => t.dataSync() as Float32Array);
  const shapes = layer.getWeights().map((t) => t.shape);
  const prefix = layer.name;
  const kind = layer.getClassName();
  if (config.dataFormat && config.dataFormat !== 'channelsLast')
    throw new Error(`Layer ${layer.name} uses ${config.dataFormat}; only channelsLast models are exported.`);
  switch (kind) {
    case 'Dense': {
      if (b.shape.length !== 1) throw new Error(`Dense layer ${layer.name} on rank-${b.shape.length} input.`);
      const kernel = weight(
        b,
        { name: `${prefix}/kernel`, values: weights[0]!, shape: shapes[0]!, isKernel: true },
        dtype,
      );
      const inputs = [b.value, kernel];
      if (config.useBias !== false)
        inputs.push(
          weight(b, { name: `${prefix}/bias`, values: weights[1]!, shape: shapes[1]!, isKernel: false }, dtype),
        );
      emit(b, 'Gemm', inputs, `${prefix}/dense`);
      b.shape = [shapes[0]![1]!];
      return activate(b, config.activation, prefix);
    }
    case 'Conv2D': {
      needsImage(b, layer);
      const [kh, kw, , filters] = shapes[0]! as [number, number, number, number];
      const dilation = pair(config.dilationRate, 1);
      if (dilation[0] !== 1 || dilation[1] !== 1) throw new Error(`Conv2D ${layer.name}: dilation is not exported.`);
      const geometry = windowed(b, [kh, kw], pair(config.strides, 1), config.padding ?? 'valid');
      // TF.js kernel [kh, kw, in, out] -> ONNX [out, in, kh, kw].
      const kernel = weight(
        b,
        { name: `${prefix}/kernel`, values: weights[0]!, shape: shapes[0]!, permutation: [3, 2, 0, 1], isKernel: true },
        dtype,
      );
      const inputs = [b.value, kernel];
      if (config.useBias !== false)
        inputs.push(
          weight(b, { name: `${prefix}/bias`, values: weights[1]!, shape: shapes[1]!, isKernel: false }, dtype),
        );
      emit(b, 'Conv', inputs, `${prefix}/conv`, geometry.attributes);
      b.shape = [filters, ...geometry.outHw];
      return activate(b, config.activation, prefix);
    }
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      needsImage(b, layer);
      const window = pair(config.poolSize, 2);
      const geometry = windowed(b, window, pair(config.strides, window[0]), config.padding ?? 'valid');
      emit(b, kind === 'MaxPooling2D' ? 'MaxPool' : 'AveragePool', [b.value], `${prefix}/pool`, geometry.attributes);
      b.shape = [geometry.channels, ...geometry.outHw];
      return;
    }
    case 'GlobalAveragePooling2D':
      needsImage(b, layer);
      emit(b, 'GlobalAveragePool', [b.value], `${prefix}/pool`);
      emit(b, 'Flatten', [b.value], `${prefix}/flatten`, { axis: 1 });
      b.shape = [b.shape[0]!];
      return;
    case 'Flatten':
      if (b.shape.length === 1) return;
      if (b.shape.length === 3) emit(b, 'Transpose', [b.value], `${prefix}/nhwc`, { perm: [0, 2, 3, 1] });
      emit(b, 'Flatten', [b.value], `${prefix}/flatten`, { axis: 1 });
      b.shape = [b.shape.reduce((a, v) => a * v, 1)];
      return;
    case 'BatchNormalization': {
      const channels = b.shape[0]!;
      const axis = Array.isArray(config.axis) ? config.axis[0] : config.axis;
      if (axis !== undefined && axis !== -1 && axis !== b.shape.length)
        throw new Error(`BatchNormalization ${layer.name}: only the channel axis is exported.`);
      let i = 0;
      const take = (present: boolean | undefined, fill: number): Float32Array =>
        present === false ? new Float32Array(channels).fill(fill) : weights[i++]!;
      const gamma = take(config.scale, 1);
      const beta = take(config.center, 0);
      const [mean, variance] = [weights[i]!, weights[i + 1]!];
      const inputs = [gamma, beta, mean, variance].map((values, k) =>
        weight(
          b,
          { name: `${prefix}/${['gamma', 'beta', 'mean', 'variance'][k]}`, values, shape: [channels], isKernel: false },
          dtype,
        ),
      );
      emit(b, 'BatchNormalization', [b.value, ...inputs], `${prefix}/batchnorm`, {
        epsilon: floatAttribute('epsilon', config.epsilon ?? 1e-3),
      });
      return;
    }
    case 'Dropout':
      return;
    default:
      throw new Error(`Layer ${layer.name} (${kind}) has no ONNX export.`);
  }
}

export interface OnnxExport {
  readonly bytes: Uint8Array;
  readonly layout: InputLayout;
  /** Input shape with `batch` first, in the layout above. */
  readonly inputShape: readonly (number | string)[];
}

/** Encodes `model` (float weights) with its weights stored as `dtype` (undefined: float32). */
export function onnxModelOf(
  model: tf.LayersModel,
  dtype: QuantDtype | undefined,
  metadata: Readonly<Record<string, string>>,
  producerVersion: string,
): OnnxExport {
  const tfShape = (model.inputs[0]?.shape.slice(1) ?? []) as number[];
  const layout: InputLayout = tfShape.length === 3 ? 'nchw' : 'features';
  const shape = layout === 'nchw' ? [tfShape[2]!, tfShape[0]!, tfShape[1]!] : [...tfShape];
  const b: Builder = { nodes: [], initializers: [], value: ONNX_INPUT, shape };
  for (const layer of model.layers) if (layer.getClassName() !== 'InputLayer') addLayer(b, layer, dtype);
  b.nodes.push(node('Identity', [b.value], [ONNX_OUTPUT]));
  const inputShape = ['batch', ...shape];
  const bytes = encodeModel({
    graphName: model.name,
    nodes: b.nodes,
    initializers: b.initializers,
    inputs: [floatValue(ONNX_INPUT, inputShape)],
    outputs: [floatValue(ONNX_OUTPUT, ['batch', ...b.shape])],
    producerVersion,
    docString: `Distillery student: input ${ONNX_INPUT} [${inputShape.join(', ')}] (${layout}), output ${ONNX_OUTPUT} (class logits).`,
    metadata: { input_layout: layout, input_shape: JSON.stringify(inputShape), ...metadata },
  });
  return { bytes, layout, inputShape };
}
