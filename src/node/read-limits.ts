/**
 * How large a file of each kind may be before Distillery refuses to read it. A symlink to /dev/zero, a
 * runaway log or a wrong file picked by mistake must end in a clear error, not a process that grows until the
 * kernel kills it. Each limit can be raised with an environment variable, DISTILLERY_MAX_<KIND>_MB (in MiB).
 */
import { formatBytes } from '../core/format/bytes';
import { REPORT_FILE, SWEEP_INDEX_FILE } from '../core/runs/layout';

export type FileKind =
  'config' | 'csv' | 'image' | 'model' | 'onnx' | 'weights' | 'report' | 'events' | 'sweep' | 'other';

/** MiB. Far above any real file of the kind (a config is a few KB, a weight shard a few MB). */
export const DEFAULT_LIMIT_MB: Readonly<Record<FileKind, number>> = {
  config: 4,
  csv: 512,
  image: 64,
  model: 64,
  // An ONNX file holds its weights (protobuf caps a model at 2 GiB).
  onnx: 2048,
  weights: 1024,
  report: 64,
  events: 512,
  sweep: 64,
  other: 64,
};

const KIND_WORDS: Readonly<Record<FileKind, string>> = {
  config: 'config files',
  csv: 'CSV files',
  image: 'image files',
  model: 'model.json files',
  onnx: 'ONNX models',
  weights: 'weight files',
  report: 'report files',
  events: 'event logs',
  sweep: 'sweep records',
  other: 'files of this kind',
};

export const limitVariable = (kind: FileKind): string => `DISTILLERY_MAX_${kind.toUpperCase()}_MB`;

export function limitBytes(kind: FileKind, env: NodeJS.ProcessEnv = process.env): number {
  const raised = Number(env[limitVariable(kind)]);
  const mb = Number.isFinite(raised) && raised > 0 ? raised : DEFAULT_LIMIT_MB[kind];
  return Math.floor(mb * 1024 * 1024);
}

export function limitMessage(file: string, kind: FileKind, size: number, limit: number): string {
  return `${file} is ${formatBytes(size)} (${size} bytes), above the ${formatBytes(limit)} limit for ${KIND_WORDS[kind]}; if it is the right file, raise the limit (in MiB) with the environment variable ${limitVariable(kind)}.`;
}

/** The kind of a file by its name, for readers that do not say (core's analysis reads through one interface). */
export function kindOfFile(file: string): FileKind {
  const name = file.split(/[\\/]/).pop()!.toLowerCase();
  if (name === REPORT_FILE) return 'report';
  if (name === SWEEP_INDEX_FILE) return 'sweep';
  if (name.endsWith('.jsonl')) return 'events';
  if (name.endsWith('.json')) return 'model';
  if (/\.ya?ml$/.test(name)) return 'config';
  if (name.endsWith('.csv')) return 'csv';
  if (/\.(png|jpe?g)$/.test(name)) return 'image';
  if (name.endsWith('.bin')) return 'weights';
  if (name.endsWith('.onnx')) return 'onnx';
  return 'other';
}
