/**
 * One layer in a form both sources share: config layers (`- dense: {...}`) and Keras/TF.js layers read
 * from a model.json are both turned into a LayerDef before shapes, parameters and FLOPs are computed.
 */
import type { ConfigPath } from '../config/source-map';
import type { LayerSpec } from '../config/types';
import type { Activation } from '../schema/layers';

export type Padding = 'same' | 'valid';

export type LayerShapeRule =
  /** `flattensInput`: a config `dense` on an image flattens it first (the trainer inserts the Flatten);
   *  a Keras Dense applies to the last axis instead. */
  | { readonly kind: 'dense'; readonly units: number; readonly useBias: boolean; readonly flattensInput: boolean }
  | {
      readonly kind: 'conv2d';
      readonly filters: number;
      readonly kernel: readonly [number, number];
      readonly strides: readonly [number, number];
      readonly padding: Padding;
      readonly useBias: boolean;
    }
  | {
      readonly kind: 'pool';
      readonly pool: readonly [number, number];
      readonly strides: readonly [number, number];
      readonly padding: Padding;
    }
  | { readonly kind: 'global_pool' }
  | { readonly kind: 'flatten' }
  | { readonly kind: 'batch_normalization' }
  /** Shape-preserving and weightless: dropout, activations. */
  | { readonly kind: 'identity' }
  | { readonly kind: 'reshape'; readonly target: readonly number[] }
  | { readonly kind: 'concatenate'; readonly axis: number }
  /** Element-wise merges (Add, Multiply, ...): the output has the first input's shape. */
  | { readonly kind: 'merge' }
  /** A layer class this tool does not model: shape passes through, params come from the weights manifest. */
  | { readonly kind: 'opaque'; readonly className: string };

export interface LayerDef {
  /** Config vocabulary (`dense`, `conv2d`, ...) or the snake-cased Keras class for other layers. */
  readonly type: string;
  readonly name?: string;
  readonly rule: LayerShapeRule;
  /** Names of the layers feeding this one (functional models); undefined means "the previous layer". */
  readonly inputs?: readonly string[];
  /** Parameter count read from a weights manifest, which wins over the computed one. */
  readonly manifestParams?: number;
  readonly path?: ConfigPath;
  /** The layer in config vocabulary, when the config language can say it (what `from_teacher` shrinks). */
  readonly spec?: LayerSpec;
  /** A standalone activation layer's function (Keras `Activation`, `ReLU`, `Softmax`). */
  readonly activation?: Activation;
  /** The Keras class the layer was read from (model.json layers only), for messages. */
  readonly className?: string;
}
