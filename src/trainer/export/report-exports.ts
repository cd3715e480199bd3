/**
 * A report with its exports: the list itself, and the quantized model's size taken from the ONNX export,
 * the shipped file that holds exactly the integers and scales the run evaluated (its size before the export
 * is that of `quantized/weights.bin`, the dequantized float32 copy).
 */
import type { ExportResult, RunReport } from '../../core/protocol/report';

export function withExports(report: RunReport, exports: readonly ExportResult[]): RunReport {
  const onnx = exports.find((e) => e.format === 'onnx');
  const quantized =
    report.quantized && onnx
      ? { ...report.quantized, bytes: onnx.bytes, bytes_gzip: onnx.bytes_gzip, bytes_file: onnx.path }
      : report.quantized;
  return { ...report, ...(quantized ? { quantized } : {}), exports };
}
