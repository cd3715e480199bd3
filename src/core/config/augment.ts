/** Which `training.augment` settings change anything: the one answer for the trainer, check and the risk rules. */
import type { AugmentSettings } from './types';

/** Shift, flip or crop: the transformations that need image data. */
export const usesImageOps = (settings: AugmentSettings): boolean =>
  settings.shift > 0 || settings.flip || settings.crop < 1;

/** True when the settings change anything (all-default settings are no augmentation at all). */
export function augments(settings: AugmentSettings | undefined): settings is AugmentSettings {
  return settings !== undefined && (usesImageOps(settings) || settings.noise > 0 || settings.mixup > 0);
}
