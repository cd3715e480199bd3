/**
 * What a layer's outputs take in memory for one batch at float32: the unit of the activation budget check
 * (rules/model-budget.ts) and of the trainer's memory estimate (trainer/run/memory-budget.ts).
 */
import { BYTES_PER_FLOAT32 } from './summarize-defs';
import type { LayerSummary } from './summary-types';

/** Values a layer outputs per example (the product of its output shape). */
export const outputValues = (layer: Pick<LayerSummary, 'outputShape'>): number =>
  layer.outputShape.reduce((a, b) => a * b, 1);

/** Bytes of a layer's outputs for a batch of `batchSize` examples. */
export const batchActivationBytes = (layer: Pick<LayerSummary, 'outputShape'>, batchSize: number): number =>
  outputValues(layer) * batchSize * BYTES_PER_FLOAT32;

/** The layer with the most output values per example. */
export function widestLayer<T extends Pick<LayerSummary, 'outputShape'>>(layers: readonly T[]): T | undefined {
  return layers.reduce<T | undefined>(
    (best, l) => (!best || outputValues(l) > outputValues(best) ? l : best),
    undefined,
  );
}
