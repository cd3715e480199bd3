/**
 * The accuracy-aware search's record of each finished point, `search/<id>/point.json`: its measures and the
 * report entries of its models and exports (paths relative to the run directory). Written once the point is
 * fully measured (atomically, through RunFiles), read back by a resumed search, which skips the points it
 * finds; a record that does not validate is measured again, never trusted.
 */
import { list, optional, shape, type Check } from '../../core/protocol/checks';
import { type PointMeasures, pointMeasuresCheck } from '../../core/protocol/compression-search';
import { type ExportResult, exportResultCheck, type ModelResult, modelResultCheck } from '../../core/protocol/report';
import { SEARCH_DIR, SEARCH_POINT_FILE } from '../../core/runs/layout';
import type { RunFiles } from './run-files';

export interface PointRecord {
  readonly measures: PointMeasures;
  readonly pruned?: ModelResult;
  readonly quantized?: ModelResult;
  /** The point's model when it is quantization-aware (`quantized_aware` in the report). */
  readonly quantized_aware?: ModelResult;
  readonly exports: readonly ExportResult[];
}

const recordCheck: Check = shape({
  measures: pointMeasuresCheck,
  pruned: optional(modelResultCheck),
  quantized: optional(modelResultCheck),
  quantized_aware: optional(modelResultCheck),
  exports: list(exportResultCheck),
});

/** `search/<id>`: the folder of one point (or of `reference`). */
export function pointFolder(id: string): string {
  return `${SEARCH_DIR}/${id}`;
}

export function readPointRecord(files: RunFiles, id: string): PointRecord | undefined {
  const file = `${pointFolder(id)}/${SEARCH_POINT_FILE}`;
  if (!files.exists(file)) return undefined;
  try {
    const value: unknown = JSON.parse(files.readText(file));
    if (recordCheck(value, 'point') !== undefined) return undefined;
    const record = value as PointRecord;
    return record.measures.id === id ? record : undefined;
  } catch {
    return undefined;
  }
}

export function writePointRecord(files: RunFiles, record: PointRecord): void {
  files.writeFile(`${pointFolder(record.measures.id)}/${SEARCH_POINT_FILE}`, `${JSON.stringify(record, null, 1)}\n`);
}

/** A path relative to a point's folder, made relative to the run directory. */
export function inPointFolder(id: string, relative: string): string {
  return `${pointFolder(id)}/${relative}`;
}

/** A model result of a point's folder with its paths relative to the run directory. */
export function modelResultInFolder(id: string, result: ModelResult): ModelResult {
  return {
    ...result,
    ...(result.model_dir ? { model_dir: inPointFolder(id, result.model_dir) } : {}),
    ...(result.bytes_file ? { bytes_file: inPointFolder(id, result.bytes_file) } : {}),
  };
}

/** Export entries of a point's folder with their paths relative to the run directory. */
export function exportsInFolder(id: string, exports: readonly ExportResult[]): ExportResult[] {
  return exports.map((e) => ({
    ...e,
    path: inPointFolder(id, e.path),
    files: e.files.map((f) => inPointFolder(id, f)),
  }));
}
