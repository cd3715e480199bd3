/** A loaded TF.js Layers model -> config layer specs (for `from_teacher` on a loaded teacher). */
import type * as tf from '@tensorflow/tfjs';
import type { Activation } from '../../core/schema/layers';
import type { LayerSpec } from '../../core/config/types';
import { TrainerError } from '../run/errors';

interface KerasConfig {
  units?: number;
  activation?: string;
  use_bias?: boolean;
  useBias?: boolean;
  filters?: number;
  kernel_size?: number | number[];
  kernelSize?: number | number[];
  strides?: number | number[];
  padding?: string;
  pool_size?: number | number[];
  poolSize?: number | number[];
  rate?: number;
}

const first = (v: number | number[] | undefined, fallback: number): number =>
  Array.isArray(v) ? (v[0] ?? fallback) : (v ?? fallback);

export function layersFromModel(model: tf.LayersModel): LayerSpec[] {
  const specs: LayerSpec[] = [];
  for (const layer of model.layers) {
    const c = layer.getConfig() as KerasConfig;
    const name = layer.name;
    const activation = (c.activation ?? 'linear') as Activation;
    switch (layer.getClassName()) {
      case 'InputLayer':
        break;
      case 'Dense':
        specs.push({ type: 'dense', name, units: c.units ?? 1, activation, use_bias: c.use_bias ?? c.useBias ?? true });
        break;
      case 'Conv2D':
        specs.push({
          type: 'conv2d',
          name,
          filters: c.filters ?? 1,
          kernel_size: first(c.kernel_size ?? c.kernelSize, 3),
          strides: first(c.strides, 1),
          padding: c.padding === 'same' ? 'same' : 'valid',
          activation,
        });
        break;
      case 'MaxPooling2D':
        specs.push({ type: 'max_pooling2d', name, pool_size: first(c.pool_size ?? c.poolSize, 2) });
        break;
      case 'AveragePooling2D':
        specs.push({ type: 'average_pooling2d', name, pool_size: first(c.pool_size ?? c.poolSize, 2) });
        break;
      case 'GlobalAveragePooling2D':
        specs.push({ type: 'global_average_pooling2d', name });
        break;
      case 'Flatten':
        specs.push({ type: 'flatten', name });
        break;
      case 'BatchNormalization':
        specs.push({ type: 'batch_normalization', name });
        break;
      case 'Dropout':
        specs.push({ type: 'dropout', name, rate: c.rate ?? 0 });
        break;
      default:
        throw new TrainerError(
          `student.from_teacher cannot shrink the teacher's ${layer.getClassName()} layer '${name}'.`,
          'Define student.layers explicitly instead.',
        );
    }
  }
  return specs;
}
