/** Learning rate for a 0-based epoch under the config's schedule. */
import type { OptimizerSettings } from '../../core/config/types';

export function learningRateAt(
  settings: Pick<OptimizerSettings, 'learning_rate' | 'schedule' | 'epochs'>,
  epoch: number,
): number {
  const { learning_rate: base, schedule, epochs } = settings;
  switch (schedule) {
    case 'constant':
      return base;
    case 'cosine':
      return base * 0.5 * (1 + Math.cos((Math.PI * epoch) / Math.max(1, epochs)));
    case 'step':
      return base * 0.5 ** Math.floor(epoch / Math.max(1, Math.round(epochs / 3)));
  }
}
