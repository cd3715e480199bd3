/** Config layers (`- dense: { units: 64 }`) -> LayerDefs. */
import type { LayerSpec } from '../config/types';
import type { ConfigPath } from '../config/source-map';
import type { LayerDef, LayerShapeRule } from './layer-def';

function ruleOf(spec: LayerSpec): LayerShapeRule {
  switch (spec.type) {
    case 'dense':
      return { kind: 'dense', units: spec.units, useBias: spec.use_bias !== false, flattensInput: true };
    case 'conv2d':
      return {
        kind: 'conv2d',
        filters: spec.filters,
        kernel: [spec.kernel_size, spec.kernel_size],
        strides: [spec.strides, spec.strides],
        padding: spec.padding,
        useBias: true,
      };
    case 'max_pooling2d':
    case 'average_pooling2d': {
      const stride = spec.strides ?? spec.pool_size;
      // TF.js pooling layers default to 'valid' padding; the config has no padding key for them.
      return { kind: 'pool', pool: [spec.pool_size, spec.pool_size], strides: [stride, stride], padding: 'valid' };
    }
    case 'global_average_pooling2d':
      return { kind: 'global_pool' };
    case 'flatten':
      return { kind: 'flatten' };
    case 'batch_normalization':
      return { kind: 'batch_normalization' };
    case 'dropout':
      return { kind: 'identity' };
  }
}

/** `layersPath` is e.g. ['student', 'layers']; each def points at its `- type:` key for diagnostics. */
export function configLayerDefs(layers: readonly LayerSpec[], layersPath: ConfigPath): LayerDef[] {
  return layers.map((spec, index) => ({
    type: spec.type,
    rule: ruleOf(spec),
    path: [...layersPath, index, spec.type],
    spec,
    ...(spec.name !== undefined ? { name: spec.name } : {}),
  }));
}
