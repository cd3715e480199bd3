/** adam | sgd (with momentum) whose learning rate the schedule can change between epochs. */
import * as tf from '@tensorflow/tfjs';
import type { OptimizerSettings } from '../../core/config/types';

export interface ScheduledOptimizer {
  readonly optimizer: tf.Optimizer;
  setLearningRate(rate: number): void;
}

export function createOptimizer(
  settings: Pick<OptimizerSettings, 'optimizer' | 'learning_rate' | 'momentum'>,
): ScheduledOptimizer {
  if (settings.optimizer === 'sgd') {
    const optimizer =
      settings.momentum > 0
        ? tf.train.momentum(settings.learning_rate, settings.momentum)
        : tf.train.sgd(settings.learning_rate);
    return { optimizer, setLearningRate: (rate) => optimizer.setLearningRate(rate) };
  }
  const optimizer = tf.train.adam(settings.learning_rate);
  // AdamOptimizer has no setter, but reads its `learningRate` field on every step.
  return {
    optimizer,
    setLearningRate: (rate) => {
      (optimizer as unknown as { learningRate: number }).learningRate = rate;
    },
  };
}
