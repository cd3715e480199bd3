/** Per-layer and per-model size figures, computed without TensorFlow.js (from config layers or a model.json). */
import type { ConfigPath } from '../config/source-map';

export interface LayerSummary {
  /** The layer's name: the config's `name`, or a generated one (`dense_1`, ...) as TF.js would name it. */
  readonly name: string;
  /** Layer type in config vocabulary (`dense`, `conv2d`, ...); Keras class names are mapped to it. */
  readonly type: string;
  /** Output shape per example (no batch dimension). */
  readonly outputShape: readonly number[];
  readonly params: number;
  /** Bytes of the layer's weights at float32. */
  readonly bytes: number;
  /** Multiply-accumulates x 2 per example (forward pass). */
  readonly flops: number;
  /** Where the layer is declared in the config, when it is declared there. */
  readonly path?: ConfigPath;
}

export interface ModelSummary {
  readonly origin: 'config' | 'model.json' | 'graph-model' | 'derived' | 'onnx';
  readonly inputShape: readonly number[];
  readonly layers: readonly LayerSummary[];
  readonly params: number;
  readonly bytes: number;
  readonly flops: number;
  /**
   * Every value a hint may name, when it is more than the layers: a graph model's nodes or an ONNX graph's values
   * (outputShape [] when the file alone does not tell it).
   */
  readonly values?: readonly Pick<LayerSummary, 'name' | 'outputShape'>[];
  /** Width of the last layer (the number of logits). */
  readonly outputUnits: number;
}
