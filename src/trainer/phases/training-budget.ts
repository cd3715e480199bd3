/** The report's `budget` of a trained model, from what its training loop did. */
import type { TrainingBudget } from '../../core/protocol/report';
import type { BatchAugmenter } from '../augment/batch-augmenter';
import type { TrainOutcome } from '../train/train-loop';

export function trainingBudget(
  outcome: TrainOutcome,
  batchSize: number,
  trainExamples: number,
  augmenter: BatchAugmenter | undefined,
  teacherPerBatch = false,
  init: 'random' | 'teacher' = 'random',
): TrainingBudget {
  return {
    steps: outcome.steps,
    epochs: outcome.epochsRun,
    examples_seen: outcome.examplesSeen,
    batch_size: batchSize,
    train_examples: trainExamples,
    ...(augmenter ? { augmentation: augmenter.description } : {}),
    ...(teacherPerBatch ? { teacher_per_batch: true } : {}),
    ...(init === 'teacher' ? { initial_weights: 'teacher' as const } : {}),
  };
}
