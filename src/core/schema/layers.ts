/** Schema of one layer in `teacher.layers` / `student.layers`: a one-key map naming the layer type. */
import type { ObjectNode, SchemaNode, TaggedNode } from './types';

export const ACTIVATIONS = [
  'linear',
  'relu',
  'relu6',
  'sigmoid',
  'tanh',
  'elu',
  'selu',
  'softplus',
  'swish',
  'gelu',
  'softmax',
] as const;
export type Activation = (typeof ACTIVATIONS)[number];

const layerName: SchemaNode = {
  kind: 'string',
  title: 'Layer name',
  doc: 'Name of the layer, unique within its model. `distillation.features` refers to layers by this name. TensorFlow.js names its weights after it, so it must be a valid tensor name: a letter or digit, then letters, digits, `-`, `.`, `_` or `/`.',
  // TensorFlow.js refuses other names ("Not a valid tensor name") only when the model is built, after the teacher trained.
  pattern: {
    regex: '^[A-Za-z0-9][-A-Za-z0-9._/]*$',
    meaning: 'a TensorFlow.js tensor name: a letter or digit, then letters, digits, -, ., _ or /',
  },
};

const activation: SchemaNode = {
  kind: 'string',
  title: 'Activation function',
  doc: 'Activation applied to the layer output. The last layer of a model should stay `linear`: the distillation loss works on logits and applies the temperature-scaled softmax itself.',
  enum: ACTIVATIONS,
  default: 'linear',
  enumDocs: {
    linear: 'No activation (logits). Use on the output layer.',
    relu: 'max(0, x).',
    relu6: 'min(max(0, x), 6).',
    sigmoid: '1 / (1 + e^-x).',
    tanh: 'Hyperbolic tangent.',
    elu: 'Exponential linear unit.',
    selu: 'Scaled exponential linear unit.',
    softplus: 'log(1 + e^x).',
    swish: 'x * sigmoid(x).',
    gelu: 'Gaussian error linear unit.',
    softmax: 'Softmax. Avoid on the output layer: distillation needs logits.',
  },
};

function layer(doc: string, properties: Record<string, SchemaNode>, required: string[] = []): ObjectNode {
  return { kind: 'object', doc, properties: { ...properties, name: layerName }, required };
}

const positiveInt = (title: string, doc: string, dflt?: number): SchemaNode => ({
  kind: 'number',
  integer: true,
  min: 1,
  title,
  doc,
  ...(dflt === undefined ? {} : { default: dflt }),
});

export const layerSchema: TaggedNode = {
  kind: 'tagged',
  title: 'Layer',
  doc: 'One layer, written as a map with a single key naming its type, e.g. `- dense: { units: 64, activation: relu }`. A `dense` layer applied to an image flattens it first.',
  variants: {
    dense: layer(
      'Fully connected layer: `units` outputs, each a weighted sum of every input plus a bias.',
      {
        units: positiveInt(
          'Output width',
          'Number of output units. The last layer of a model must have one unit per class.',
          64,
        ),
        activation,
        use_bias: {
          kind: 'boolean',
          title: 'Bias',
          doc: 'Whether the layer adds a learned bias vector.',
          default: true,
        },
      },
      ['units'],
    ),
    conv2d: layer(
      '2-D convolution over an image (height x width x channels).',
      {
        filters: positiveInt('Filters', 'Number of output channels.', 16),
        kernel_size: positiveInt('Kernel size', 'Height and width of the square convolution window.', 3),
        strides: positiveInt('Strides', 'Step of the window in both directions.', 1),
        padding: {
          kind: 'string',
          title: 'Padding',
          doc: '`same` keeps the spatial size (with stride 1); `valid` uses no padding.',
          enum: ['same', 'valid'],
          default: 'same',
        },
        activation,
      },
      ['filters'],
    ),
    max_pooling2d: layer('Max pooling over square windows.', {
      pool_size: positiveInt('Pool size', 'Height and width of the pooling window.', 2),
      strides: positiveInt('Strides', 'Step of the window; defaults to `pool_size`.'),
    }),
    average_pooling2d: layer('Average pooling over square windows.', {
      pool_size: positiveInt('Pool size', 'Height and width of the pooling window.', 2),
      strides: positiveInt('Strides', 'Step of the window; defaults to `pool_size`.'),
    }),
    global_average_pooling2d: layer('Averages each channel over the whole image, giving one value per channel.', {}),
    flatten: layer('Flattens an image into a vector.', {}),
    dropout: layer(
      'Randomly zeroes a share of its inputs while training (regularisation); does nothing at inference.',
      {
        rate: {
          kind: 'number',
          title: 'Drop rate',
          doc: 'Share of inputs set to zero during training.',
          min: 0,
          exclusiveMax: 1,
          default: 0.3,
        },
      },
      ['rate'],
    ),
    batch_normalization: layer(
      'Normalises each feature over the batch, then scales and shifts it with learned parameters.',
      {},
    ),
  },
};

export type LayerType = keyof typeof layerSchema.variants;
export const LAYER_TYPES = Object.keys(layerSchema.variants) as LayerType[];
