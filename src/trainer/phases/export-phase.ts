/**
 * The last phase of a run: the final student (after pruning and quantization) written to `export/` as files
 * a user can ship, each measured by loading it back. Shared with `distillery export` through exportStudent.
 */
import type * as tf from '@tensorflow/tfjs';
import type { ExportResult } from '../../core/protocol/report';
import type { QuantDtype } from '../compress/quantize';
import type { PreparedData } from '../data/load-data';
import { exportFailure, exportStudent } from '../export/export-student';
import { EXPORT_DIR } from '../../core/runs/layout';
import { addDuration, type RunContext, stopIfCancelled } from './run-context';

export interface FinalStudent {
  /** Float weights (pruned if pruning ran); quantization is applied by the export as the run applied it. */
  readonly model: tf.LayersModel;
  readonly dtype?: QuantDtype;
  /** Test logits of the final student as the run evaluated it (quantized weights included). */
  readonly testLogits: Float32Array;
}

/** What the export's metadata says about its input, beyond the layout. */
export function exportMetadata(
  data: Pick<PreparedData, 'classNames' | 'valueRange' | 'test'>,
  runId: string,
): Record<string, string> {
  return {
    producer: 'Distillery',
    run_id: runId,
    classes: JSON.stringify(data.classNames),
    preprocessing: data.test.standardize
      ? "features standardised with the training split's mean and standard deviation"
      : data.valueRange
        ? `pixel values scaled to [${data.valueRange[0]}, ${data.valueRange[1]}]`
        : 'features as in the dataset',
  };
}

export async function runExportPhase(
  ctx: RunContext,
  final: FinalStudent,
  teacherTestLogits: Float32Array,
  backend: string,
  runId: string,
): Promise<ExportResult[]> {
  await stopIfCancelled(ctx);
  ctx.sink.emit({
    type: 'phase',
    phase: 'export',
    message: 'Exporting the final student (TF.js and ONNX) and measuring the files.',
  });
  const startedAt = performance.now();
  const results = await exportStudent(
    {
      model: final.model,
      ...(final.dtype ? { dtype: final.dtype } : {}),
      reference: {
        test: ctx.data.test,
        studentLogits: final.testLogits,
        teacherLogits: teacherTestLogits,
        batchSize: ctx.config.training.batch_size,
      },
      backend,
      metadata: exportMetadata(ctx.data, runId),
    },
    ctx.files,
    EXPORT_DIR,
  ).catch((error: unknown) => {
    throw exportFailure(error, ctx.files.root);
  });
  addDuration(ctx, 'export', startedAt);
  return results;
}
