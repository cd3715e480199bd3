/**
 * `training.augment`: data augmentation for consistent, patient teaching (Beyer et al. 2022, "Knowledge
 * distillation: A good teacher is patient and consistent"): the teacher labels the same augmented batch the
 * student sees (function matching), and the labels-only baseline gets the same augmentation so the gain
 * isolates distillation.
 */
import type { ObjectNode } from './types';

export const augmentSchema: ObjectNode = {
  kind: 'object',
  title: 'Augmentation',
  materialize: false,
  doc: 'Random, seeded transformations of every training batch. The teacher labels the same augmented batch the student sees (function matching, Beyer et al. 2022), so its outputs are computed per batch instead of once. The baseline gets the same augmentation. `shift`, `flip` and `crop` apply to image data only.',
  properties: {
    shift: {
      kind: 'number',
      integer: true,
      min: 0,
      max: 64,
      default: 0,
      examples: [2],
      title: 'Random shift (pixels)',
      doc: 'Translate each image by a random whole number of pixels in [-shift, shift] along each axis; uncovered pixels are 0.',
    },
    flip: {
      kind: 'boolean',
      default: false,
      title: 'Horizontal flip',
      doc: 'Mirror each image left-right with probability 1/2. Off by default: it changes the meaning of digits and text.',
    },
    crop: {
      kind: 'number',
      min: 0.2,
      max: 1,
      default: 1,
      examples: [0.8],
      title: 'Crop-and-resize scale',
      doc: 'Crop a random box whose sides are between `crop` and 1 times the image sides, then resize it back (bilinear). 1 turns it off.',
    },
    noise: {
      kind: 'number',
      min: 0,
      max: 10,
      default: 0,
      examples: [0.05],
      title: 'Gaussian noise',
      doc: 'Standard deviation of Gaussian noise added to every input value (pixels in [0, 1]; standardised features for tabular data).',
    },
    mixup: {
      kind: 'number',
      min: 0,
      max: 10,
      default: 0,
      examples: [0.2],
      title: 'Mixup alpha',
      doc: 'Mix each example with another of the batch: `x = l * x_i + (1 - l) * x_j`, `l ~ Beta(alpha, alpha)` (Zhang et al. 2018); the hard-label loss mixes the two labels with the same `l`. 0 turns it off. Images and tabular data.',
    },
  },
};
