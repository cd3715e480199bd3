/**
 * A copy of a model whose graph also outputs some intermediate values: onnxruntime can only fetch graph
 * outputs, so a hint on an inner value needs it listed there. The caller's bytes and file stay untouched.
 */
import { decodeModel, reencodeModel } from './decode';
import { onnx } from './onnx-proto';

export function withExtraOutputs(bytes: Uint8Array, names: readonly string[]): Uint8Array {
  const decoded = decodeModel(bytes);
  if (!decoded.ok) throw new Error(decoded.message);
  const model = decoded.model;
  const graph = model.graph!;
  const outputs = (graph.output ??= []);
  const present = new Set(outputs.map((o) => o.name));
  const shapes = new Map((graph.valueInfo ?? []).map((v) => [v.name, v]));
  for (const name of names) {
    if (present.has(name)) continue;
    present.add(name);
    // With no recorded type the runtime infers it; a float tensor of unknown shape is the honest declaration.
    outputs.push(
      shapes.get(name) ??
        onnx.ValueInfoProto.create({
          name,
          type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT } },
        }),
    );
  }
  return reencodeModel(model);
}
