/**
 * Reading .onnx bytes back into a ModelProto (and re-encoding an edited one): a file that is not ONNX, or is
 * cut short, gets a message saying so. Pure: bytes in, bytes out; no runtime, no file access.
 */
import { onnx } from './onnx-proto';

export type DecodedModel =
  { readonly ok: true; readonly model: onnx.ModelProto } | { readonly ok: false; readonly message: string };

export function decodeModel(bytes: Uint8Array): DecodedModel {
  if (bytes.byteLength === 0) return { ok: false, message: 'the file is empty, not an ONNX model.' };
  let model: onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `it is not an ONNX model, or it is truncated (protobuf: ${reason}).` };
  }
  // Protobuf decodes many byte strings "successfully" into near-empty messages: a model needs a graph with nodes.
  if (!model.graph?.node?.length || !model.graph.output?.length)
    return { ok: false, message: 'it holds no ONNX graph (no nodes or no outputs): not an ONNX model.' };
  return { ok: true, model };
}

/** The bytes of a decoded (and possibly edited) model. */
export function reencodeModel(model: onnx.IModelProto): Uint8Array {
  return onnx.ModelProto.encode(model).finish();
}

/** A plain number from a protobuf int64 field (a number, or a Long for large values). */
export function int64(value: number | { toNumber(): number } | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'number' ? value : value.toNumber();
}
