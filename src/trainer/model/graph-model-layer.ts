/**
 * A TF.js graph model (tf.loadGraphModel) seen as a one-layer tf.LayersModel, so everything that runs a
 * teacher (batched prediction, evaluation, FGSM through tf.grad, latency, the baseline worker) runs a graph
 * teacher unchanged. Its operations are ordinary tf ops, so gradients flow through it. The layer reshapes
 * the data's examples to the graph's input shape (same values, e.g. [28, 28, 1] -> [784]) and returns the
 * named nodes' outputs.
 */
import * as tf from '@tensorflow/tfjs';

/** What the layer needs of a tf.GraphModel (loaded synchronously or not). */
export type GraphExecutable = Pick<tf.GraphModel, 'execute'>;

class GraphModelLayer extends tf.layers.Layer {
  static readonly className = 'DistilleryGraphModel';

  constructor(
    private readonly graph: GraphExecutable,
    private readonly graphInputShape: readonly number[],
    private readonly nodes: readonly string[],
    private readonly shapes: readonly tf.Shape[],
  ) {
    super({ name: 'graph_model', trainable: false });
  }

  override computeOutputShape(): tf.Shape | tf.Shape[] {
    return this.shapes.length === 1 ? [...this.shapes[0]!] : this.shapes.map((s) => [...s]);
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor | tf.Tensor[] {
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    const fed = x.reshape([-1, ...this.graphInputShape]);
    const out = this.graph.execute(fed, [...this.nodes]);
    // execute() gives a lone tensor for a one-name list.
    return Array.isArray(out) && out.length === 1 ? out[0]! : out;
  }
}

/**
 * `graph` as a LayersModel taking examples of `dataShape` and returning the outputs of `nodes`
 * (shapes found by running one zero example, so a node the graph does not have fails here, not mid-run).
 */
export function graphAsLayersModel(
  graph: GraphExecutable,
  graphInputShape: readonly number[],
  dataShape: readonly number[],
  nodes: readonly string[],
): tf.LayersModel {
  const zeros = tf.zeros([1, ...graphInputShape]);
  const result = graph.execute(zeros, [...nodes]);
  const probe = Array.isArray(result) ? result : [result];
  const shapes = probe.map((t) => [null, ...t.shape.slice(1)] as tf.Shape);
  tf.dispose([zeros, ...probe]);
  const input = tf.input({ shape: [...dataShape] });
  const output = new GraphModelLayer(graph, graphInputShape, nodes, shapes).apply(input) as
    tf.SymbolicTensor | tf.SymbolicTensor[];
  return tf.model({ inputs: input, outputs: output, name: 'graph_teacher' });
}
