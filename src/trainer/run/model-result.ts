/** Evaluation + stored size -> the report's ModelResult for one model. */
import type { ModelResult } from '../../core/protocol/report';
import type { Evaluation } from '../eval/evaluate-model';
import type { ModelSize } from '../eval/model-size';

export function modelResult(
  label: string,
  evaluation: Evaluation,
  size: ModelSize,
  dtype: ModelResult['dtype'],
  modelDir?: string,
  seedAccuracies?: readonly number[],
  bytesFile?: string,
): ModelResult {
  return {
    label,
    params: size.params,
    nonzero_params: size.nonzeroParams,
    bytes: size.bytes,
    bytes_gzip: size.bytesGzip,
    ...(bytesFile ? { bytes_file: bytesFile } : {}),
    dtype,
    sparsity: size.params ? 1 - size.nonzeroParams / size.params : 0,
    latency: evaluation.latency,
    metrics: evaluation.metrics,
    ...(seedAccuracies ? { seed_accuracies: seedAccuracies } : {}),
    ...(modelDir ? { model_dir: modelDir } : {}),
    ...(evaluation.validation ? { validation: evaluation.validation } : {}),
  };
}
