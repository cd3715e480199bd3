/**
 * After the export: the student and each compression step measured on the files a user ships (report.json
 * `shipped_latency`). The final model is the run's TF.js export (quantized weights as shipped); the steps before
 * it are their saved float models (`student/`, `pruned/`), which is what a user ships who stops there. They are
 * timed in a fresh process with stock TF.js only, then the same steps as ONNX with onnxruntime (the export's .onnx
 * file, the steps before it encoded by the ONNX exporter). A step slower than the model it compressed gets a warning; a
 * timing process that fails or dies gets one too, and the run goes on without `shipped_latency`.
 */
import { onnxUnmeasuredMessage, slowerStepMessages } from '../../core/format/shipped-latency-text';
import type { ExportResult } from '../../core/protocol/report';
import type { ShippedLatency, ShippedRole } from '../../core/protocol/shipped-latency';
import { latencySample } from '../eval/latency';
import { type CleanProcessOptions } from '../eval/shipped-latency-process';
import { measureShippedFilesOrWarn, shippedFiles } from '../eval/shipped-latency';
import { addDuration, type RunContext, stopIfCancelled } from './run-context';

export async function runLatencyPhase(
  ctx: RunContext,
  steps: readonly ShippedRole[],
  exports: readonly ExportResult[],
  options: CleanProcessOptions = {},
): Promise<ShippedLatency | undefined> {
  const files = shippedFiles(steps, exports, (file) => ctx.files.resolve(file));
  if (!files) return undefined;
  await stopIfCancelled(ctx);
  const startedAt = performance.now();
  const { test } = ctx.data;
  const { latency, warning } = await measureShippedFilesOrWarn(
    files,
    {
      sample: latencySample(test.x, ctx.config.training.batch_size),
      inputShape: test.inputShape,
      batchSize: ctx.config.training.batch_size,
    },
    options,
  );
  addDuration(ctx, 'latency', startedAt);
  if (warning) {
    ctx.warnings.push(warning);
    ctx.sink.emit({ type: 'warning', code: 'latency/unmeasured', message: warning });
  }
  if (!latency) return undefined;
  // An ONNX file onnxruntime cannot open costs only its own times: the TF.js ones stand, and the warning says why.
  const onnxUnmeasured = onnxUnmeasuredMessage(latency);
  if (onnxUnmeasured) {
    ctx.warnings.push(onnxUnmeasured);
    ctx.sink.emit({ type: 'warning', code: 'latency/unmeasured', message: onnxUnmeasured });
  }
  for (const message of slowerStepMessages(latency)) {
    ctx.warnings.push(message);
    ctx.sink.emit({ type: 'warning', code: 'latency/slower', message });
  }
  return latency;
}
