/**
 * Output shape, parameter count and FLOPs of one layer, per example (no batch dimension).
 * FLOPs count a multiply-accumulate as 2 (the usual convention, e.g. in the MobileNet and EfficientNet
 * papers); weightless layers count one operation per element they read (pooling windows, BN's
 * scale-and-shift as 2), dropout and reshapes count 0 at inference.
 */
import type { LayerShapeRule, Padding } from './layer-def';
import { formatShape } from '../format/numbers';

export interface LayerMath {
  readonly outputShape: readonly number[];
  readonly params: number;
  readonly flops: number;
}

export type LayerMathResult =
  { readonly ok: true; readonly math: LayerMath } | { readonly ok: false; readonly message: string };

export const product = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Spatial output size of a window sliding over `size` cells (TF's rule for 'same' and 'valid'). */
export function windowOutput(size: number, window: number, stride: number, padding: Padding): number {
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - window) / stride) + 1;
}

function ok(outputShape: readonly number[], params: number, flops: number): LayerMathResult {
  return { ok: true, math: { outputShape, params, flops } };
}

function spatial(input: readonly number[], what: string): { h: number; w: number; c: number } | string {
  if (input.length !== 3)
    return `${what} needs an image input (height, width, channels) but gets shape ${formatShape(input)}.`;
  return { h: input[0]!, w: input[1]!, c: input[2]! };
}

/** `inputs` holds every incoming shape; all rules except merges read only the first. */
export function layerMath(rule: LayerShapeRule, inputs: readonly (readonly number[])[]): LayerMathResult {
  const input = inputs[0] ?? [];
  switch (rule.kind) {
    case 'dense': {
      const flattened = rule.flattensInput || input.length <= 1;
      const fanIn = flattened ? product(input) : input[input.length - 1]!;
      const positions = flattened ? 1 : product(input.slice(0, -1));
      const params = fanIn * rule.units + (rule.useBias ? rule.units : 0);
      const outputShape = flattened ? [rule.units] : [...input.slice(0, -1), rule.units];
      return ok(outputShape, params, positions * (2 * fanIn * rule.units + (rule.useBias ? rule.units : 0)));
    }
    case 'conv2d': {
      const s = spatial(input, 'conv2d');
      if (typeof s === 'string') return { ok: false, message: s };
      const oh = windowOutput(s.h, rule.kernel[0], rule.strides[0], rule.padding);
      const ow = windowOutput(s.w, rule.kernel[1], rule.strides[1], rule.padding);
      if (oh < 1 || ow < 1)
        return {
          ok: false,
          message: `conv2d with a ${rule.kernel.join('x')} kernel and 'valid' padding does not fit its ${s.h}x${s.w} input.`,
        };
      const perPosition = rule.kernel[0] * rule.kernel[1] * s.c * rule.filters;
      const params = perPosition + (rule.useBias ? rule.filters : 0);
      return ok([oh, ow, rule.filters], params, oh * ow * (2 * perPosition + (rule.useBias ? rule.filters : 0)));
    }
    case 'pool': {
      const s = spatial(input, 'pooling');
      if (typeof s === 'string') return { ok: false, message: s };
      const oh = windowOutput(s.h, rule.pool[0], rule.strides[0], rule.padding);
      const ow = windowOutput(s.w, rule.pool[1], rule.strides[1], rule.padding);
      if (oh < 1 || ow < 1)
        return { ok: false, message: `A ${rule.pool.join('x')} pooling window does not fit its ${s.h}x${s.w} input.` };
      return ok([oh, ow, s.c], 0, oh * ow * s.c * rule.pool[0] * rule.pool[1]);
    }
    case 'global_pool': {
      const s = spatial(input, 'global_average_pooling2d');
      if (typeof s === 'string') return { ok: false, message: s };
      return ok([s.c], 0, s.h * s.w * s.c);
    }
    case 'flatten':
      return ok([product(input)], 0, 0);
    case 'batch_normalization': {
      // gamma, beta, moving mean, moving variance per channel (Keras counts all four).
      const channels = input[input.length - 1] ?? 0;
      return ok(input, 4 * channels, 2 * product(input));
    }
    case 'identity':
    case 'opaque':
      return ok(input, 0, 0);
    case 'reshape': {
      const known = rule.target.filter((d) => d > 0);
      const unknown = rule.target.length - known.length;
      const total = product(input);
      const shape = unknown === 1 ? rule.target.map((d) => (d > 0 ? d : total / product(known))) : rule.target;
      if (unknown > 1 || product(shape) !== total || !shape.every(Number.isInteger)) {
        return { ok: false, message: `Cannot reshape ${formatShape(input)} to ${formatShape(rule.target)}.` };
      }
      return ok(shape, 0, 0);
    }
    case 'merge':
      return ok(input, 0, product(input) * Math.max(0, inputs.length - 1));
    case 'concatenate': {
      const axis = rule.axis < 0 ? input.length + rule.axis : rule.axis;
      const width = inputs.reduce((sum, shape) => sum + (shape[axis] ?? 0), 0);
      return ok(
        input.map((d, i) => (i === axis ? width : d)),
        0,
        0,
      );
    }
  }
}
