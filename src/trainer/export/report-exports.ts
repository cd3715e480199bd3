/**
 * A report with its exports: the list itself, and the shipped quantized model's size taken from the ONNX export,
 * the file that holds exactly the integers and scales the run evaluated (its size before the export is that of
 * `quantized/weights.bin`, the dequantized float32 copy). The shipped quantized model is the quantization-aware
 * one when the run made it (the post-training one then has its own ONNX file, `quantized/model.onnx`).
 */
import type { ExportResult, RunReport } from '../../core/protocol/report';

export function withExports(report: RunReport, exports: readonly ExportResult[]): RunReport {
  const onnx = exports.find((e) => e.format === 'onnx');
  const role = report.quantized_aware ? 'quantized_aware' : 'quantized';
  const shipped = report[role];
  if (!shipped || !onnx) return { ...report, exports };
  return {
    ...report,
    [role]: { ...shipped, bytes: onnx.bytes, bytes_gzip: onnx.bytes_gzip, bytes_file: onnx.path },
    exports,
  };
}
