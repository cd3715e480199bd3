/**
 * Keras / TF.js layer classes (as written in a model.json `modelTopology`) -> LayerDefs in config
 * vocabulary. Classes without a shape rule here are kept as opaque layers (shape passes through; their
 * parameters come from the weights manifest).
 */
import { ACTIVATIONS, type Activation } from '../schema/layers';
import type { LayerSpec } from '../config/types';
import type { LayerDef, LayerShapeRule, Padding } from './layer-def';

type KerasConfig = Record<string, unknown>;

const CLASS_TO_TYPE: Readonly<Record<string, string>> = {
  Dense: 'dense',
  Conv2D: 'conv2d',
  MaxPooling2D: 'max_pooling2d',
  MaxPool2D: 'max_pooling2d',
  AveragePooling2D: 'average_pooling2d',
  AvgPool2D: 'average_pooling2d',
  GlobalAveragePooling2D: 'global_average_pooling2d',
  Flatten: 'flatten',
  Dropout: 'dropout',
  BatchNormalization: 'batch_normalization',
  Activation: 'activation',
  ReLU: 'activation',
  Softmax: 'activation',
  LeakyReLU: 'activation',
  Reshape: 'reshape',
  Add: 'add',
  Concatenate: 'concatenate',
  Multiply: 'multiply',
  Average: 'average',
  Maximum: 'maximum',
  Subtract: 'subtract',
};

const MERGES = new Set(['Add', 'Multiply', 'Average', 'Maximum', 'Minimum', 'Subtract']);

/** `CamelCase` -> `camel_case`, as Keras derives default layer names. */
export const snakeCase = (name: string): string =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();

const pair = (value: unknown, fallback: number): [number, number] => {
  if (typeof value === 'number') return [value, value];
  if (Array.isArray(value) && typeof value[0] === 'number')
    return [value[0], typeof value[1] === 'number' ? value[1] : value[0]];
  return [fallback, fallback];
};

const padding = (value: unknown): Padding => (value === 'same' ? 'same' : 'valid');

const positive = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;

/** The shape rule of a Keras class, or a message when its config lacks what the rule needs. */
export function kerasRule(className: string, config: KerasConfig): LayerShapeRule | string {
  switch (className) {
    case 'Dense': {
      const units = positive(config.units);
      return units
        ? { kind: 'dense', units, useBias: config.use_bias !== false, flattensInput: false }
        : 'Dense layer without a positive integer `units`.';
    }
    case 'Conv2D': {
      const filters = positive(config.filters);
      if (!filters) return 'Conv2D layer without a positive integer `filters`.';
      return {
        kind: 'conv2d',
        filters,
        kernel: pair(config.kernel_size, 3),
        strides: pair(config.strides, 1),
        padding: padding(config.padding),
        useBias: config.use_bias !== false,
      };
    }
    case 'MaxPooling2D':
    case 'MaxPool2D':
    case 'AveragePooling2D':
    case 'AvgPool2D': {
      const pool = pair(config.pool_size, 2);
      return {
        kind: 'pool',
        pool,
        strides: config.strides == null ? pool : pair(config.strides, pool[0]),
        padding: padding(config.padding),
      };
    }
    case 'GlobalAveragePooling2D':
    case 'GlobalMaxPooling2D':
      return { kind: 'global_pool' };
    case 'Flatten':
      return { kind: 'flatten' };
    case 'BatchNormalization':
      return { kind: 'batch_normalization' };
    case 'Dropout':
    case 'Activation':
    case 'ReLU':
    case 'Softmax':
    case 'LeakyReLU':
    case 'ELU':
    case 'GaussianNoise':
      return { kind: 'identity' };
    case 'Reshape': {
      const target = config.target_shape;
      return Array.isArray(target) && target.every((d) => typeof d === 'number')
        ? { kind: 'reshape', target: target as number[] }
        : 'Reshape layer without a numeric `target_shape`.';
    }
    case 'Concatenate':
      return { kind: 'concatenate', axis: typeof config.axis === 'number' ? config.axis : -1 };
    default:
      return MERGES.has(className) ? { kind: 'merge' } : { kind: 'opaque', className };
  }
}

export function kerasLayerType(className: string): string {
  return CLASS_TO_TYPE[className] ?? snakeCase(className);
}

const square = (value: unknown, fallback: number): number | undefined => {
  const [a, b] = pair(value, fallback);
  return a === b ? a : undefined;
};

const activationOf = (value: unknown): Activation | undefined =>
  value === undefined || value === null
    ? 'linear'
    : (ACTIVATIONS as readonly unknown[]).includes(value)
      ? (value as Activation)
      : undefined;

/**
 * The same layer in config vocabulary (what `student.from_teacher` builds), or undefined when the config
 * language cannot say it (non-square kernels, activations it lacks, classes without a config layer).
 * Standalone activation layers are left to the caller, which folds them into the layer before.
 */
export function kerasLayerSpec(
  className: string,
  config: KerasConfig,
  name: string | undefined,
): LayerSpec | undefined {
  const named = name ? { name } : {};
  const activation = activationOf(config.activation);
  switch (className) {
    case 'Dense': {
      const units = positive(config.units);
      return units && activation
        ? { type: 'dense', units, activation, use_bias: config.use_bias !== false, ...named }
        : undefined;
    }
    case 'Conv2D': {
      const filters = positive(config.filters);
      const kernel = square(config.kernel_size, 3);
      const strides = square(config.strides, 1);
      if (!filters || !kernel || !strides || !activation || config.use_bias === false) return undefined;
      return {
        type: 'conv2d',
        filters,
        kernel_size: kernel,
        strides,
        padding: padding(config.padding),
        activation,
        ...named,
      };
    }
    case 'MaxPooling2D':
    case 'MaxPool2D':
    case 'AveragePooling2D':
    case 'AvgPool2D': {
      const pool = square(config.pool_size, 2);
      const strides = config.strides == null ? pool : square(config.strides, 1);
      if (!pool || !strides || padding(config.padding) !== 'valid') return undefined;
      const type = className.startsWith('Max') ? 'max_pooling2d' : 'average_pooling2d';
      return { type, pool_size: pool, ...(strides !== pool ? { strides } : {}), ...named };
    }
    case 'GlobalAveragePooling2D':
      return { type: 'global_average_pooling2d', ...named };
    case 'Flatten':
      return { type: 'flatten', ...named };
    case 'BatchNormalization':
      return { type: 'batch_normalization', ...named };
    case 'Dropout':
      return { type: 'dropout', rate: typeof config.rate === 'number' ? config.rate : 0, ...named };
    default:
      return undefined;
  }
}

/** The activation a standalone activation layer applies (`Activation`, `ReLU`, `Softmax`), if the config has it. */
export function kerasStandaloneActivation(className: string, config: KerasConfig): Activation | undefined {
  if (className === 'ReLU') return config.max_value === 6 ? 'relu6' : config.max_value == null ? 'relu' : undefined;
  if (className === 'Softmax') return 'softmax';
  if (className === 'Activation') return activationOf(config.activation);
  return undefined;
}

export type KerasDefResult =
  { readonly ok: true; readonly def: LayerDef } | { readonly ok: false; readonly message: string };

export function kerasLayerDef(
  className: string,
  config: KerasConfig,
  name: string | undefined,
  inputs: readonly string[] | undefined,
): KerasDefResult {
  const rule = kerasRule(className, config);
  if (typeof rule === 'string') return { ok: false, message: rule };
  const spec = kerasLayerSpec(className, config, name);
  const activation = kerasStandaloneActivation(className, config);
  return {
    ok: true,
    def: {
      type: kerasLayerType(className),
      rule,
      className,
      ...(name ? { name } : {}),
      ...(inputs ? { inputs } : {}),
      ...(spec ? { spec } : {}),
      ...(activation ? { activation } : {}),
    },
  };
}
