/**
 * The one answer to "how big is the final model": the smallest file of the run's `exports` (a file a user can
 * ship and that was measured by loading it back), compared with the teacher's saved weights
 * (`teacher/weights.bin`). Reports without exports (runs made before them) have no such size: callers say
 * nothing about size rather than quote an internal file.
 */
import type { ExportResult, RunReport } from '../protocol/report';

export interface ShippedSize {
  readonly export: ExportResult;
  /** Teacher bytes / shipped bytes (undefined without a teacher size). */
  readonly ratio?: number;
}

export function smallestExport(report: Pick<RunReport, 'exports'>): ExportResult | undefined {
  return [...(report.exports ?? [])].sort((a, b) => a.bytes - b.bytes)[0];
}

export function shippedSize(report: Pick<RunReport, 'exports' | 'teacher'>): ShippedSize | undefined {
  const shipped = smallestExport(report);
  if (!shipped) return undefined;
  const teacherBytes = report.teacher?.bytes ?? 0;
  return { export: shipped, ...(teacherBytes > 0 && shipped.bytes > 0 ? { ratio: teacherBytes / shipped.bytes } : {}) };
}

/** The export's file name as people read it: `model.onnx`, `tfjs/model.json`. */
export function exportName(entry: Pick<ExportResult, 'path'>): string {
  return entry.path.replace(/^export\//, '');
}
