/**
 * The `weightsManifest` of a TF.js model.json (Layers and graph models alike): which files hold the weights,
 * in which order, and the name, shape and storage type of every weight. Shared by `check` (which files must
 * exist), the summaries (parameters per layer or node) and the trainer (how many bytes to expect).
 *
 * Every file path is kept inside the model's folder: a manifest is data from elsewhere, and a path such as
 * `../../secret.bin` or `/etc/passwd` must not make the trainer read (or `check` vouch for) a file that is
 * not part of the model.
 */
import { product } from './layer-math';

export interface WeightSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: string;
  /** Present for weights the converter stored quantized (uint8 / uint16 / float16). */
  readonly quantization?: { readonly dtype: string };
}

export interface WeightsManifest {
  /** Weight file paths relative to the model.json folder, normalised ('/'-separated), in reading order. */
  readonly files: readonly string[];
  /** The weights in the order their bytes follow each other across `files`. */
  readonly weights: readonly WeightSpec[];
  /** Bytes the files must hold together. */
  readonly bytes: number;
}

export type ManifestResult =
  { readonly ok: true; readonly manifest: WeightsManifest } | { readonly ok: false; readonly message: string };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A manifest path made relative to the model's folder, or why it cannot be: absolute paths, URLs and
 * paths whose `..` segments climb out of the folder are refused. Pure string work (TF.js writes '/'),
 * so the checker and the trainer decide the same way on every platform.
 */
export function containedWeightPath(
  entry: string,
): { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string } {
  if (entry.length === 0) return { ok: false, reason: 'is empty' };
  if (entry.includes('\0')) return { ok: false, reason: 'contains a NUL character' };
  if (/^[a-z][a-z0-9+.-]*:/i.test(entry)) return { ok: false, reason: 'is a URL or a drive path, not a relative path' };
  if (/^[\\/]/.test(entry)) return { ok: false, reason: 'is absolute' };
  const kept: string[] = [];
  for (const segment of entry.split(/[\\/]+/)) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (kept.length === 0) return { ok: false, reason: "leaves the model's folder" };
      kept.pop();
    } else kept.push(segment);
  }
  if (kept.length === 0) return { ok: false, reason: 'names the folder itself, not a file' };
  return { ok: true, path: kept.join('/') };
}

/** Bytes one stored value takes: quantized weights are narrower than their dtype. */
export function bytesPerValue(spec: WeightSpec): number | undefined {
  const stored = spec.quantization?.dtype ?? spec.dtype;
  switch (stored) {
    case 'float32':
    case 'int32':
      return 4;
    case 'float16':
    case 'uint16':
      return 2;
    case 'uint8':
    case 'bool':
      return 1;
    default:
      return undefined;
  }
}

function weightSpec(value: unknown, index: number): WeightSpec | string {
  if (!isObject(value) || typeof value.name !== 'string') return `weight ${index + 1} has no \`name\``;
  const shape = value.shape;
  if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0))
    return `weight '${value.name}' has no shape of non-negative integers`;
  const dtype = typeof value.dtype === 'string' ? value.dtype : 'float32';
  const quantization = isObject(value.quantization) ? value.quantization : undefined;
  const spec: WeightSpec = {
    ...(value as object),
    name: value.name,
    shape: shape as number[],
    dtype,
    ...(quantization && typeof quantization.dtype === 'string'
      ? { quantization: { ...quantization, dtype: quantization.dtype } }
      : {}),
  };
  return bytesPerValue(spec) === undefined
    ? `weight '${value.name}' is stored as ${spec.quantization?.dtype ?? dtype}, which Distillery cannot read`
    : spec;
}

export function readWeightsManifest(raw: unknown): ManifestResult {
  if (!Array.isArray(raw)) return { ok: false, message: 'it has no `weightsManifest` list.' };
  const files: string[] = [];
  const weights: WeightSpec[] = [];
  for (const [g, group] of raw.entries()) {
    if (!isObject(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights))
      return { ok: false, message: `weightsManifest group ${g + 1} needs \`paths\` and \`weights\` lists.` };
    for (const entry of group.paths) {
      if (typeof entry !== 'string')
        return { ok: false, message: `weightsManifest group ${g + 1} has a path that is not text.` };
      const contained = containedWeightPath(entry);
      if (!contained.ok)
        return {
          ok: false,
          message: `its weightsManifest path '${entry}' ${contained.reason}; weight files must be inside the model's folder.`,
        };
      files.push(contained.path);
    }
    for (const value of group.weights) {
      const spec = weightSpec(value, weights.length);
      if (typeof spec === 'string') return { ok: false, message: `its weightsManifest: ${spec}.` };
      weights.push(spec);
    }
  }
  const bytes = weights.reduce((n, w) => n + product(w.shape) * (bytesPerValue(w) ?? 4), 0);
  return { ok: true, manifest: { files, weights, bytes } };
}

/**
 * Parameter counts by owner, from the weight names: `dense_1/kernel` and `model/dense_1/bias` count for
 * `dense_1` (and `model`); a graph model's `dense/MatMul/ReadVariableOp` constant counts for each prefix.
 */
export function paramsByOwner(weights: readonly WeightSpec[]): Map<string, number> {
  const params = new Map<string, number>();
  for (const weight of weights) {
    const count = product(weight.shape);
    for (const owner of weight.name.split('/').slice(0, -1)) params.set(owner, (params.get(owner) ?? 0) + count);
  }
  return params;
}
