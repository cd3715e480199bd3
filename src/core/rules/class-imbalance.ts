/**
 * `risk/class-imbalance`: the largest class has more than 10x the examples of the smallest (bundled data,
 * CSV label counts, or image counts per class folder). Averages then hide per-class damage, and
 * distillation can transfer the teacher's bias toward frequent classes. Source: Buda, Maki & Mazurowski
 * 2018, "A systematic study of the class imbalance problem in convolutional neural networks" (harm grows
 * with the max/min ratio; 10x and beyond is where they see clear losses). Threshold 10x, as there.
 */
import { formatRatio } from '../format/ratio';
import type { Rule } from '../analysis/rule';
import { risk } from '../rule-helpers/report';

export const MAX_CLASS_RATIO = 10;

export const classImbalanceRule: Rule = {
  codes: ['risk/class-imbalance'],
  check(ctx) {
    const dataset = ctx.dataset;
    if (!dataset || dataset.classCounts.length < 2) return [];
    const counts = dataset.classCounts;
    const max = Math.max(...counts);
    const min = Math.min(...counts);
    if (min > 0 && max / min <= MAX_CLASS_RATIO) return [];
    const big = dataset.classNames[counts.indexOf(max)];
    const small = dataset.classNames[counts.indexOf(min)];
    const ratio = min > 0 ? formatRatio(max / min) : 'infinitely';
    return [
      risk(
        ctx,
        'risk/class-imbalance',
        ['data', 'source'],
        `Class "${big}" has ${max} examples and class "${small}" ${min} (${ratio} fewer): the average accuracy can hide damage to rare classes, and the student may inherit the teacher's bias toward frequent ones. Check the report's per-class results, or rebalance the data.`,
        {
          source:
            'Buda, Maki & Mazurowski 2018, "A systematic study of the class imbalance problem in convolutional neural networks"; threshold 10x',
        },
      ),
    ];
  },
};
