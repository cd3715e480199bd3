/** Layer specs as a parsed config holds them (every default filled in), for tests that build models directly. */
import type { LayerSpec } from '../../src/core/config/types';

const named = (name: string | undefined): { name?: string } => (name === undefined ? {} : { name });

export const denseSpec = (units: number, activation: 'relu' | 'linear', name?: string): LayerSpec => ({
  type: 'dense',
  units,
  activation,
  use_bias: true,
  ...named(name),
});

/** A 3x3 `same`-padded ReLU convolution with stride 1. */
export const conv3x3Spec = (filters: number, name?: string): LayerSpec => ({
  type: 'conv2d',
  filters,
  kernel_size: 3,
  strides: 1,
  padding: 'same',
  activation: 'relu',
  ...named(name),
});

export const maxPool2Spec = (name?: string): LayerSpec => ({ type: 'max_pooling2d', pool_size: 2, ...named(name) });
